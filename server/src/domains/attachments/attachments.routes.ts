import { createReadStream } from 'node:fs';
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { requirePrincipal } from '../../platform/auth.ts';
import { IdParams, problemResponses, STANDARD_ERRORS } from '../../platform/http-schemas.ts';
import { findDownloadable, storeAttachment } from './attachments.service.ts';

const AttachmentSchema = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
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
      const file = await request.file();
      if (!file) throw new AppError('validation-failed', 'send the file in a multipart field named "file"');
      const content = await file.toBuffer();
      if (file.file.truncated) throw new AppError('payload-too-large');
      return reply.code(201).send(await storeAttachment(ctx, principal, { filename: file.filename, content }));
    },
  );

  app.get(
    '/attachments/:id',
    { schema: { tags: ['cases'], params: IdParams, response: STANDARD_ERRORS } },
    async (request, reply) => {
      const attachment = await findDownloadable(ctx, requirePrincipal(request), request.params.id);
      // Never rendered inline: a hostile HTML or SVG upload cannot run in the app's origin.
      return reply
        .header('content-type', attachment.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .send(createReadStream(attachment.path));
    },
  );
};
