// Article bodies are Markdown rendered on the server. Raw HTML is not markup here: with
// `html: false` markdown-it escapes every tag, and its link check refuses javascript:,
// vbscript:, file: and data: URLs — so an article can never run script in a reader's browser.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
// Links leave the help pages without handing them the opener or the referrer.
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, index, options, env, self);
};

export const renderMarkdown = (source: string): string => markdown.render(source);

/** The first paragraph as plain text, for lists and search results. */
export function excerpt(source: string, length = 200): string {
  const text =
    markdown
      .parse(source, {})
      .filter((token) => token.type === 'inline')
      .map((token) =>
        (token.children ?? [])
          .filter((child) => child.type === 'text' || child.type === 'code_inline')
          .map((child) => child.content)
          .join(''),
      )
      .find((line) => line.trim().length > 0) ?? '';
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
