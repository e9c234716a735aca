// The policy documents as plain server-rendered HTML: readable without JavaScript, with the
// right <html lang>, links to the other languages, the other document and the PDF, and a
// print style sheet. Every value is escaped; nothing from the configuration is markup.

import { escapeHtml, languageLinks, PAGE_STYLE, publicDocument } from '../../platform/public-page.ts';
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
  const languages = languageLinks(document.language, (language) => `/${document.kind}?lang=${language}`);
  const otherTitle = other === 'policy' ? t.policyTitle : t.complaintsTitle;
  return publicDocument({
    language: document.language,
    title: `${escapeHtml(document.title)} — ${escapeHtml(document.company)}`,
    style: PAGE_STYLE,
    body: `
<nav>${languages}<span class="actions"><a href="/api/v1/policy-document?lang=${document.language}&amp;document=${document.kind}&amp;format=pdf">${escapeHtml(t.pdfLabel)}</a></span></nav>
<header><h1>${escapeHtml(document.title)}</h1><p><strong>${escapeHtml(document.company)}</strong></p></header>
<main>
<p>${escapeHtml(document.intro)}</p>
${document.sections.map(section).join('\n')}
<p class="actions">${escapeHtml(t.otherDocument)}: <a href="/${other}?lang=${document.language}">${escapeHtml(otherTitle)}</a></p>
</main>
<footer>${escapeHtml(document.footer)}</footer>
`,
  });
}
