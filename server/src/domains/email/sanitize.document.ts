// One message's HTML as a standalone document for a sandboxed iframe: read under the same rule
// as the case's messages, sanitized again (the stored HTML was sanitized at ingest with the
// rules of that day), inline images embedded as data: URLs so the frame needs no request to
// this origin (its opaque origin would get no session cookie), and the CSP that decides
// whether remote images load.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { isStaff, type Principal } from '../../platform/principal.ts';
import { attachmentsFolder } from '../attachments/attachments.service.ts';
import { canCase } from '../cases/cases.policy.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { sanitizeEmailHtml } from './sanitize.ts';

/** Inline images larger than this are left out of the document (it is held in memory). */
const INLINE_IMAGE_LIMIT_BYTES = 5 * 1024 * 1024;
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const FRAME_STYLE =
  'body{margin:8px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;' +
  'overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}';

export function frameCsp(remoteImages: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${remoteImages ? ' https: http:' : ''}`,
    'font-src data:',
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    'sandbox allow-popups allow-popups-to-escape-sandbox',
  ].join('; ');
}

interface StoredImage {
  id: string;
  content_type: string;
  size: number;
  sha256: string;
}

/** data: URLs for the message's own raster-image attachments, by attachment id. */
async function dataUrls(ctx: AppContext, messageId: string): Promise<Map<string, string>> {
  const { rows } = await ctx.database.executeSql(
    `SELECT id, content_type, size, sha256 FROM attachments WHERE message_id = $1 AND size <= $2
       AND lower(content_type) = ANY($3)`,
    [messageId, INLINE_IMAGE_LIMIT_BYTES, [...INLINE_IMAGE_TYPES]],
  );
  const urls = new Map<string, string>();
  for (const image of rows as unknown as StoredImage[]) {
    const bytes = await readFile(join(attachmentsFolder(ctx), image.sha256));
    urls.set(image.id, `data:${image.content_type.toLowerCase()};base64,${bytes.toString('base64')}`);
  }
  return urls;
}

export async function messageDocument(ctx: AppContext, principal: Principal, messageId: string) {
  const message = await casesRepository.messageById(ctx.database, messageId);
  if (!message) throw notFound('message');
  const caseRow = await casesRepository.byId(ctx.database, message.case_id);
  // Hidden exactly like the case's message list: no case access, or an internal note for a customer.
  const visible =
    caseRow !== undefined &&
    canCase(principal, 'read', caseRow) &&
    (message.visibility === 'public' || isStaff(principal));
  if (!visible) throw notFound('message');
  if (message.body_html === null) throw notFound('message HTML');
  // Only those of the message's attachments that its HTML references are read.
  const urls = /\/api\/v1\/attachments\//.test(message.body_html) ? await dataUrls(ctx, message.id) : new Map();
  const body = sanitizeEmailHtml(message.body_html, {
    // Ingest resolved every cid: it could; one left over has nothing to point at.
    cidUrl: () => null,
    attachmentUrl: (id) => urls.get(id) ?? null,
  });
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><style>${FRAME_STYLE}</style></head><body>${body}</body></html>`;
}
