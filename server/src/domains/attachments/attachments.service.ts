// Attachments: uploaded first, then linked to a message when it is sent. Files are
// content-addressed under <data>/attachments/<sha256>; the type is sniffed from the bytes,
// never trusted from the client.
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { isStaff, type Principal } from '../../platform/principal.ts';
import { canCase } from '../cases/cases.policy.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { attachmentsRepository as repo } from './attachments.repository.ts';

/** Executables and scripts are refused whatever their name says. */
const REFUSED_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
]);

export const attachmentsFolder = (ctx: AppContext): string => join(ctx.config.dataDir, 'attachments');

function isProbablyText(content: Buffer): boolean {
  const sample = content.subarray(0, 4096);
  return !sample.includes(0) && Buffer.from(sample.toString('utf8'), 'utf8').equals(sample);
}

export async function storeAttachment(
  ctx: AppContext,
  principal: Principal,
  file: { filename: string; content: Buffer },
) {
  if (!isStaff(principal) && principal.role !== 'customer') throw forbidden();
  const sniffed = await fileTypeFromBuffer(file.content);
  const contentType = sniffed?.mime ?? (isProbablyText(file.content) ? 'text/plain' : 'application/octet-stream');
  if (REFUSED_TYPES.has(contentType))
    throw new AppError('unsupported-media-type', `${contentType} files are not accepted`);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const folder = attachmentsFolder(ctx);
  await mkdir(folder, { recursive: true });
  // Written to a temporary name, flushed, then renamed: a crash never leaves half a file under its address.
  const temporary = join(folder, `.${sha256}.${process.pid}.tmp`);
  await writeFile(temporary, file.content, { flush: true });
  await rename(temporary, join(folder, sha256));
  return repo.insert(ctx.database, {
    filename: file.filename.slice(0, 255) || 'file',
    contentType,
    size: file.content.length,
    sha256,
    uploadedBy: principal.kind === 'user' ? principal.id : null,
  });
}

/** The uploader may always download; others only when they may read the case (customers: public messages only). */
export async function findDownloadable(ctx: AppContext, principal: Principal, id: string) {
  const row = await repo.withMessage(ctx.database, id);
  if (!row) throw notFound('attachment');
  const caseRow = row.case_id ? await casesRepository.byId(ctx.database, row.case_id) : undefined;
  const allowed =
    row.uploaded_by === principal.id ||
    (caseRow !== undefined &&
      canCase(principal, 'read', caseRow) &&
      (isStaff(principal) || row.visibility === 'public'));
  if (!allowed) throw notFound('attachment');
  return { ...row, path: join(attachmentsFolder(ctx), row.sha256) };
}
