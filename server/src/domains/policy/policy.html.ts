// The policy documents as plain server-rendered HTML: readable without JavaScript, with the
// right <html lang>, links to the other languages, the other document and the PDF, and a
// print style sheet. Every value is escaped; nothing from the configuration is markup.

import { escapeHtml, PAGE_STYLE } from '../../platform/public-page.ts';
import { LANGUAGES } from '../../platform/templates.ts';
import type { PolicyDocument, PolicySection } from './policy.service.ts';
import { POLICY_TEXTS } from './policy.texts.ts';

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
