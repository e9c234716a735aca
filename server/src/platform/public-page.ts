// What every public, server-rendered page shares (policy, complaints, help, the escalation
// and referral-answer forms): the reader's language, HTML escaping, the same-origin rule for
// their forms and one calm, printable style sheet.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { companyProfile } from '../domains/settings/settings.service.ts';
import { isLanguage, LANGUAGES, type Language } from './templates.ts';

/** `?lang=`, else the browser's first supported language, else the company's default. */
export async function readerLanguage(
  ctx: AppContext,
  request: FastifyRequest,
  lang: string | undefined,
): Promise<Language> {
  if (isLanguage(lang)) return lang;
  const accepted = (request.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find(isLanguage);
  return accepted ?? (await companyProfile(ctx.database)).defaultLanguage;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);

/** Shared by the public pages (policy, complaints, help): calm, readable, printable. */
export const PAGE_STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; line-height: 1.55;
         color: #1f2328; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.8rem; margin-bottom: .25rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
  nav { font-size: .9rem; display: flex; gap: .75rem; flex-wrap: wrap; margin-bottom: 1.5rem; }
  nav a[aria-current] { font-weight: bold; text-decoration: none; color: inherit; }
  dl dt { font-weight: 600; margin-top: .75rem; } dl dd { margin-left: 1.25rem; }
  .pair dt::before { content: attr(data-label) ": "; font-weight: normal; color: #57606a; }
  .pair dd::before { content: attr(data-label) ": "; color: #57606a; }
  footer { margin-top: 3rem; font-size: .85rem; color: #57606a; }
  @media print { nav, .actions { display: none; } body { margin: 0; max-width: none; font-size: 11pt; }
                 a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } dl, li { break-inside: avoid; } }`;

/** A form POST is accepted from our own pages only: an Origin header, when sent, must be this server's. */
export function sameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const own = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  return own.has(origin);
}

/** The HTML document of a public page. `title` and `body` are HTML already escaped by the caller. */
export function publicDocument(page: {
  language: string;
  title: string;
  style: string;
  body: string;
  /** Pages reached only through a personal link stay out of search engines. */
  noindex?: boolean;
}): string {
  return `<!doctype html>
<html lang="${page.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.noindex ? '<meta name="robots" content="noindex">\n' : ''}<title>${page.title}</title>
<style>${page.style}</style>
</head>
<body>${page.body}</body>
</html>`;
}

/** Links to the same page in each language, the current one marked. */
export function languageLinks(current: Language, href: (language: Language) => string): string {
  return LANGUAGES.map((each) =>
    each === current
      ? `<a aria-current="page" lang="${each}">${each.toUpperCase()}</a>`
      : `<a href="${escapeHtml(href(each))}" hreflang="${each}" lang="${each}">${each.toUpperCase()}</a>`,
  ).join('');
}
