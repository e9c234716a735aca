// The HTML of an inbound email, made safe to show: layout and inline styles kept, everything
// that runs code, submits data, loads other documents or escapes the frame dropped. Applied by
// the parser process (parse/parse-core.ts) before a message is stored, and again when it is
// served (the rules may have tightened since).
// Remote images are kept: the serving route's CSP blocks them until the agent allows them.
import sanitizeHtml from 'sanitize-html';

export interface SanitizeOptions {
  /** Rewrites an image's `cid:` reference (the Content-ID, without brackets); null drops the image's source. */
  cidUrl?: (cid: string) => string | null;
  /**
   * Rewrites a reference to a stored attachment (`/api/v1/attachments/<id>`, what ingest makes of
   * a cid: reference); null drops the image's source. Without it such references are kept as they are.
   */
  attachmentUrl?: (attachmentId: string) => string | null;
}

/** The only relative image source kept: an inline image stored as one of the message's attachments. */
const ATTACHMENT_REFERENCE =
  /^\/api\/v1\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const TAGS = [
  'a',
  'abbr',
  'address',
  'article',
  'b',
  'bdi',
  'bdo',
  'big',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'font',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
  'var',
  'wbr',
];

/** Elements dropped with everything inside them (their text is not content the sender meant to show). */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'title',
  'head',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'xmp',
  'iframe',
  'object',
  'applet',
  'svg',
  'math',
  'textarea',
  'select',
  'option',
  'button',
];

const CELL = ['width', 'height', 'align', 'valign', 'bgcolor', 'colspan', 'rowspan', 'nowrap', 'scope', 'abbr'];

const ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  '*': ['style', 'align', 'valign', 'dir', 'lang', 'title'],
  a: ['href', 'name', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height', 'border', 'hspace', 'vspace'],
  table: ['width', 'height', 'border', 'cellpadding', 'cellspacing', 'bgcolor', 'summary', 'frame', 'rules'],
  thead: ['bgcolor'],
  tbody: ['bgcolor'],
  tfoot: ['bgcolor'],
  tr: ['height', 'bgcolor'],
  td: CELL,
  th: CELL,
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  font: ['color', 'face', 'size'],
  ol: ['start', 'type', 'reversed'],
  ul: ['type'],
  li: ['value', 'type'],
  hr: ['width', 'size', 'noshade', 'color'],
  div: ['bgcolor'],
  details: ['open'],
};

// CSS values: words, numbers, units, colours, quoted font names and the colour functions; no
// other function (url(), expression(), image-set(), var(), attr() …), no backslash escapes,
// no colons, semicolons or braces.
const PLAIN_VALUE = /^(?:[-\w\s#%.,'"!/+]|(?:rgba?|hsla?)\([\d\s.,%/+-]*\))*$/i;
const LENGTH =
  /^(?:[-+]?\d*\.?\d+(?:px|pt|em|rem|ex|ch|%|cm|mm|in|pc|vw|vh)?|auto|0|inherit|initial)(?:\s+(?:[-+]?\d*\.?\d+(?:px|pt|em|rem|ex|ch|%|cm|mm|in|pc|vw|vh)?|auto|0|inherit|initial)){0,3}(?:\s*!important)?$/i;
const keywords = (...words: string[]) => [new RegExp(`^(?:${words.join('|')})(?:\\s*!important)?$`, 'i')];

const plain = [PLAIN_VALUE];
const length = [LENGTH];
const STYLES: Record<string, RegExp[]> = {
  color: plain,
  'background-color': plain,
  // Only the colour shorthand: an image here would be a remote request the CSP must block anyway.
  background: plain,
  opacity: plain,
  font: plain,
  'font-family': plain,
  'font-size': plain,
  'font-style': plain,
  'font-variant': plain,
  'font-weight': plain,
  'line-height': plain,
  'letter-spacing': plain,
  'word-spacing': plain,
  'word-break': plain,
  'word-wrap': plain,
  'overflow-wrap': plain,
  'white-space': plain,
  'text-align': plain,
  'text-decoration': plain,
  'text-decoration-color': plain,
  'text-decoration-line': plain,
  'text-decoration-style': plain,
  'text-indent': length,
  'text-transform': plain,
  'text-overflow': plain,
  'vertical-align': plain,
  direction: keywords('ltr', 'rtl'),
  'unicode-bidi': plain,
  width: length,
  height: length,
  'min-width': length,
  'max-width': length,
  'min-height': length,
  'max-height': length,
  margin: length,
  'margin-top': length,
  'margin-right': length,
  'margin-bottom': length,
  'margin-left': length,
  padding: length,
  'padding-top': length,
  'padding-right': length,
  'padding-bottom': length,
  'padding-left': length,
  border: plain,
  'border-top': plain,
  'border-right': plain,
  'border-bottom': plain,
  'border-left': plain,
  'border-color': plain,
  'border-style': plain,
  'border-width': plain,
  'border-top-color': plain,
  'border-right-color': plain,
  'border-bottom-color': plain,
  'border-left-color': plain,
  'border-top-style': plain,
  'border-right-style': plain,
  'border-bottom-style': plain,
  'border-left-style': plain,
  'border-top-width': plain,
  'border-right-width': plain,
  'border-bottom-width': plain,
  'border-left-width': plain,
  'border-radius': plain,
  'border-collapse': keywords('collapse', 'separate'),
  'border-spacing': length,
  'table-layout': keywords('auto', 'fixed'),
  'caption-side': keywords('top', 'bottom'),
  'empty-cells': keywords('show', 'hide'),
  'list-style-type': plain,
  'list-style-position': keywords('inside', 'outside'),
  display: keywords(
    'none',
    'block',
    'inline',
    'inline-block',
    'flex',
    'inline-flex',
    'table',
    'inline-table',
    'table-row',
    'table-cell',
    'table-row-group',
    'table-header-group',
    'table-footer-group',
    'table-column',
    'table-caption',
    'list-item',
  ),
  float: keywords('left', 'right', 'none'),
  clear: keywords('left', 'right', 'both', 'none'),
  overflow: keywords('visible', 'hidden', 'auto', 'scroll'),
  'overflow-x': keywords('visible', 'hidden', 'auto', 'scroll'),
  'overflow-y': keywords('visible', 'hidden', 'auto', 'scroll'),
  visibility: keywords('visible', 'hidden', 'collapse'),
  // No fixed or absolute positioning: a mail cannot lay an overlay over its own frame.
  position: keywords('static', 'relative'),
  'box-sizing': keywords('content-box', 'border-box'),
  'justify-content': plain,
  'align-items': plain,
  'flex-direction': plain,
  'flex-wrap': plain,
  gap: length,
};

const LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'];
const IMAGE_SCHEMES = ['http', 'https', 'cid', 'data'];
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

/**
 * The scheme a browser would see: entities are already decoded by the parser; browsers drop
 * ASCII whitespace and control characters inside a URL's scheme ("jav\tascript:"). A URL
 * without a scheme (relative, or percent-encoded colon) yields null.
 */
function schemeOf(url: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what browsers ignore here
  const compact = url.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return match ? match[1]!.toLowerCase() : null;
}

function withoutAttribute(attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Attributes {
  const { [name]: _dropped, ...rest } = attribs;
  return rest;
}

function link(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const href = attribs.href;
  const kept = href !== undefined && LINK_SCHEMES.includes(schemeOf(href) ?? '');
  const base = kept ? attribs : withoutAttribute(attribs, 'href');
  return { tagName, attribs: kept ? { ...base, rel: 'noopener noreferrer', target: '_blank' } : base };
}

/** The image source to keep (possibly rewritten), or null to drop it. */
function imageSource(src: string, options: SanitizeOptions): string | null {
  const scheme = schemeOf(src);
  if (scheme === 'cid') return options.cidUrl ? options.cidUrl(safeDecode(src.slice(src.indexOf(':') + 1))) : src;
  if (scheme === 'http' || scheme === 'https') return src;
  if (scheme === 'data') return DATA_IMAGE.test(src) ? src : null;
  const stored = scheme === null ? ATTACHMENT_REFERENCE.exec(src) : null;
  if (stored) return options.attachmentUrl ? options.attachmentUrl(stored[1]!.toLowerCase()) : src;
  return null;
}

function image(options: SanitizeOptions) {
  return (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const src = attribs.src === undefined ? null : imageSource(attribs.src.trim(), options);
    const rest = withoutAttribute(attribs, 'src');
    return { tagName, attribs: src === null ? rest : { ...rest, src } };
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function sanitizeEmailHtml(html: string, options: SanitizeOptions = {}): string {
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    nonTextTags: DROPPED_WITH_CONTENT,
    disallowedTagsMode: 'discard',
    allowedAttributes: ATTRIBUTES,
    allowedStyles: { '*': STYLES },
    parseStyleAttributes: true,
    allowedSchemes: LINK_SCHEMES,
    allowedSchemesByTag: { img: IMAGE_SCHEMES },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'background', 'srcset'],
    allowProtocolRelative: false,
    allowedIframeHostnames: [],
    allowVulnerableTags: false,
    transformTags: { a: link, img: image(options) },
  });
}
