// The policy documents as plain server-rendered HTML: readable without JavaScript, with the
// right <html lang>, links to the other languages, the other document and the PDF, and a
// print style sheet. Every value is escaped; nothing from the configuration is markup.
import { LANGUAGES } from '../../platform/templates.ts';
import type { PolicyDocument, PolicySection } from './policy.service.ts';
import { POLICY_TEXTS } from './policy.texts.ts';

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

function section(part: PolicySection): string {
  const paragraphs = part.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('');
  let items = '';
  if (part.items.some((item) => item.term)) {
    const pair = part.labels ? ' class="pair"' : '';
    const label = (text: string | undefined) => (text ? ` data-label="${escapeHtml(text)}"` : '');
    items = `<dl${pair}>${part.items
      .map(
        (item) =>
          `${item.term ? `<dt${label(part.labels?.term)}>${escapeHtml(item.term)}</dt>` : ''}` +
          `<dd${label(part.labels?.text)}>${escapeHtml(item.text)}</dd>`,
      )
      .join('')}</dl>`;
  } else if (part.items.length > 0) {
    const tag = part.ordered ? 'ol' : 'ul';
    items = `<${tag}>${part.items.map((item) => `<li>${escapeHtml(item.text)}</li>`).join('')}</${tag}>`;
  }
  return `<section id="${part.id}"><h2>${escapeHtml(part.title)}</h2>${paragraphs}${items}</section>`;
}

export function renderPolicyHtml(document: PolicyDocument): string {
  const t = POLICY_TEXTS[document.language];
  const other = document.kind === 'policy' ? 'complaints' : 'policy';
  const languages = LANGUAGES.map((language) =>
    language === document.language
      ? `<a aria-current="page" lang="${language}">${language.toUpperCase()}</a>`
      : `<a href="/${document.kind}?lang=${language}" hreflang="${language}" lang="${language}">${language.toUpperCase()}</a>`,
  ).join('');
  const otherTitle = other === 'policy' ? t.policyTitle : t.complaintsTitle;
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)} — ${escapeHtml(document.company)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<nav>${languages}<span class="actions"><a href="/api/v1/policy-document?lang=${document.language}&amp;document=${document.kind}&amp;format=pdf">${escapeHtml(t.pdfLabel)}</a></span></nav>
<header><h1>${escapeHtml(document.title)}</h1><p><strong>${escapeHtml(document.company)}</strong></p></header>
<main>
<p>${escapeHtml(document.intro)}</p>
${document.sections.map(section).join('\n')}
<p class="actions">${escapeHtml(t.otherDocument)}: <a href="/${other}?lang=${document.language}">${escapeHtml(otherTitle)}</a></p>
</main>
<footer>${escapeHtml(document.footer)}</footer>
</body>
</html>`;
}
