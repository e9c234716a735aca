// Attachments: uploaded first (multipart), then linked to a message when it is sent. Files
// are content-addressed under <data>/attachments/<sha256>; the type is sniffed from the
// bytes, never trusted from the client, and downloads are never rendered inline.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { isStaff } from '../../platform/principal.ts';
import { canCase } from '../cases/cases.policy.ts';
import { casesRepository } from '../cases/cases.repository.ts';

/** Executables and scripts are refused whatever their name says. */
const REFUSED_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
]);

const AttachmentSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const folder = join(ctx.config.dataDir, 'attachments');

  app.post(
    '/attachments',
    {
      schema: {
        tags: ['cases'],
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema, ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!isStaff(principal) && principal.role !== 'customer') throw forbidden();
      const file = await request.file();
      if (!file) throw new AppError('validation-failed', 'send the file in a multipart field named "file"');
      const content = await file.toBuffer();
      if (file.file.truncated) throw new AppError('payload-too-large');
      const sniffed = await fileTypeFromBuffer(content);
      const contentType = sniffed?.mime ?? (isProbablyText(content) ? 'text/plain' : 'application/octet-stream');
      if (REFUSED_TYPES.has(contentType))
        throw new AppError('unsupported-media-type', `${contentType} files are not accepted`);
      const sha256 = createHash('sha256').update(content).digest('hex');
      await mkdir(folder, { recursive: true });
      const temporary = join(folder, `.${sha256}.${process.pid}.tmp`);
      await writeFile(temporary, content, { flush: true });
      await rename(temporary, join(folder, sha256));
      const { rows } = await ctx.database.executeSql(
        `INSERT INTO attachments (filename, content_type, size, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, filename, content_type AS "contentType", size`,
        [
          file.filename.slice(0, 255) || 'file',
          contentType,
          content.length,
          sha256,
          principal.kind === 'user' ? principal.id : null,
        ],
      );
      return reply.code(201).send(rows[0] as { id: string; filename: string; contentType: string; size: number });
    },
  );

  app.get(
    '/attachments/:id',
    { schema: { tags: ['cases'], params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { rows } = await ctx.database.executeSql(
        `SELECT a.filename, a.content_type, a.sha256, a.uploaded_by, m.case_id, m.visibility
       FROM attachments a LEFT JOIN messages m ON m.id = a.message_id WHERE a.id = $1`,
        [request.params.id],
      );
      const row = rows[0] as
        | {
            filename: string;
            content_type: string;
            sha256: string;
            uploaded_by: string | null;
            case_id: string | null;
            visibility: string | null;
          }
        | undefined;
      if (!row) throw notFound('attachment');
      const caseRow = row.case_id ? await casesRepository.byId(ctx.database, row.case_id) : undefined;
      const allowed =
        row.uploaded_by === principal.id ||
        (caseRow !== undefined &&
          canCase(principal, 'read', caseRow) &&
          (isStaff(principal) || row.visibility === 'public'));
      if (!allowed) throw notFound('attachment');
      return reply
        .header('content-type', row.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(join(folder, row.sha256)));
    },
  );
};

function isProbablyText(content: Buffer): boolean {
  const sample = content.subarray(0, 4096);
  return !sample.includes(0) && Buffer.from(sample.toString('utf8'), 'utf8').equals(sample);
}
