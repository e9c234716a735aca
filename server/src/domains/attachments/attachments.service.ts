// Attachments: uploaded first, then linked to a message when it is sent. Files are
// content-addressed under <data>/attachments/<sha256>; the type is sniffed from the bytes,
// never trusted from the client.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { sha256 } from '../../platform/ids.ts';
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

/** Writes a file under its content address; returns its address and the type sniffed from its bytes. */
export async function writeContentAddressed(ctx: AppContext, content: Uint8Array) {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const sniffed = await fileTypeFromBuffer(buffer);
  const contentType = sniffed?.mime ?? (isProbablyText(buffer) ? 'text/plain' : 'application/octet-stream');
  const address = sha256(buffer);
  const folder = attachmentsFolder(ctx);
  const path = join(folder, address);
  // The same bytes are stored already (a logo in every signature, a file sent twice): a file
  // under its address is always whole, so there is nothing to write.
  const stored = await stat(path).catch(() => undefined);
  if (stored?.size !== buffer.length) {
    await mkdir(folder, { recursive: true });
    // Written to a temporary name, flushed, then renamed: a crash never leaves half a file under its address.
    const temporary = join(folder, `.${address}.${process.pid}.${randomUUID()}.tmp`);
    await writeFile(temporary, buffer, { flush: true });
    await rename(temporary, path);
  }
  return { contentType, sha256: address, size: buffer.length };
}

export async function storeAttachment(
  ctx: AppContext,
  principal: Principal,
  file: { filename: string; content: Buffer },
) {
  if (!isStaff(principal) && principal.role !== 'customer') throw forbidden();
  const sniffed = await fileTypeFromBuffer(file.content);
  if (sniffed && REFUSED_TYPES.has(sniffed.mime))
    throw new AppError('unsupported-media-type', `${sniffed.mime} files are not accepted`);
  const stored = await writeContentAddressed(ctx, file.content);
  return repo.insert(ctx.database, {
    filename: file.filename.slice(0, 255) || 'file',
    contentType: stored.contentType,
    size: stored.size,
    sha256: stored.sha256,
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
