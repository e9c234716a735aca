// A first pass over the MIME tree (mailsplit, the splitter mailparser itself uses) before the
// real parse: it enforces the structural limits, so a message built to exhaust parsers is
// refused with a reason instead of being parsed, and it collects what mailparser does not
// expose: the declared charsets of the text parts and the headers of the messages a bounce
// quotes (message/rfc822, text/rfc822-headers).
import { finished } from 'node:stream';
import { type MimeNode, Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import { repairedCharset } from './charset.ts';
import { transferDecode } from './repair.ts';

export interface StructureLimits {
  /** Most MIME parts (every node of the tree, containers included). */
  maxParts: number;
  /** Deepest nesting of multipart/* and message/rfc822 containers. */
  maxDepth: number;
  /** Largest header block of one part, in bytes. */
  maxHeaderBytes: number;
}

export interface MimeStructure {
  /** MIME parts seen, containers included. */
  parts: number;
  /** Declared charsets of the text/plain and text/html parts that are not attachments (lower-case, unique). */
  charsets: string[];
  /** The report-type parameter of a multipart/report root or child (e.g. delivery-status), or null. */
  reportType: string | null;
  /** Header sections of quoted messages (message/rfc822 and text/rfc822-headers parts), first 64 KiB each. */
  quotedHeaders: string[];
  /** Text of the message/delivery-status part(s) of a DSN (first 64 KiB), or ''. */
  deliveryStatus: string;
  /** Text parts (by their order in the tree) to decode with another charset than declared: see charset.ts. */
  repairs: Map<number, string>;
  /** Parts that are attachments (disposition attachment, or not a displayable text part). */
  attachmentParts: number;
}

export type StructureResult = { ok: true; structure: MimeStructure } | { ok: false; reason: string };

const KEPT_LIMIT = 64 * 1024;
const QUOTED_TYPES = new Set([
  'message/rfc822',
  'text/rfc822-headers',
  'message/global',
  'message/global-headers',
  'message/partial',
]);
const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
// Bodies kept: quoted headers, delivery status, and embedded messages left unparsed (an
// attachment disposition) or sent in fragments (message/partial).
const KEPT_TYPES = new Set([...QUOTED_TYPES, ...DELIVERY_STATUS_TYPES]);

/** A body collected up to KEPT_LIMIT bytes. */
interface Bounded {
  chunks: Buffer[];
  size: number;
}

function depthOf(node: MimeNode): number {
  let depth = 0;
  for (let parent = node.parentNode; parent; parent = parent.parentNode) depth++;
  return depth;
}

function insideEmbeddedMessage(node: MimeNode): boolean {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) {
    if (parent.contentType === 'message/rfc822' || parent.contentType === 'message/global') return true;
  }
  return false;
}

function inheritedCharset(node: MimeNode): string {
  for (let parent = node.parentNode; parent; parent = parent.parentNode) {
    if (parent.charset) return parent.charset.toLowerCase();
  }
  return '';
}

function reportTypeOf(node: MimeNode): string | null {
  if (node.multipart !== 'report') return null;
  const match = /report-type\s*=\s*"?([\w-]+)/i.exec(node.headers ? node.headers.getFirst('content-type') : '');
  return match ? match[1]!.toLowerCase() : 'unknown';
}

export function scanStructure(raw: Uint8Array, limits: StructureLimits): Promise<StructureResult> {
  return new Promise((resolve) => {
    const structure: MimeStructure = {
      parts: 0,
      charsets: [],
      reportType: null,
      quotedHeaders: [],
      deliveryStatus: '',
      repairs: new Map(),
      attachmentParts: 0,
    };
    // Samples of the text parts' bodies, to check their charsets.
    const samples = new Map<MimeNode, { ordinal: number; declared: string; inherited: string; body: Bounded }>();
    // Bodies kept (bounded) for the quoted-header and delivery-status parts.
    const kept = new Map<MimeNode, Bounded>();
    let settled = false;
    const splitter = new Splitter({
      maxHeadSize: limits.maxHeaderBytes,
      maxChildNodes: limits.maxParts + 1, // our own count below gives the clearer reason first
      // Embedded messages are walked too: their parts count against the limits.
      defaultInlineEmbedded: true,
    });
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      splitter.destroy();
      resolve({ ok: false, reason });
    };
    splitter.on('data', (chunk: SplitterChunk) => {
      if (settled) return;
      if (chunk.type === 'node') {
        const node = chunk;
        structure.parts++;
        const depth = depthOf(node);
        if (structure.parts > limits.maxParts) return fail(`more than ${limits.maxParts} MIME parts`);
        if (depth > limits.maxDepth) return fail(`MIME parts nested deeper than ${limits.maxDepth} levels`);
        const contentType = (node.contentType || 'text/plain').toLowerCase();
        // A report inside a forwarded message ("why did this bounce?") is the customer's content.
        const forwarded = insideEmbeddedMessage(node);
        if (!forwarded) structure.reportType ??= reportTypeOf(node);
        const isText = contentType === 'text/plain' || contentType === 'text/html';
        if (isText && node.disposition !== 'attachment') {
          const charset = (node.charset || '').toLowerCase();
          if (charset && !structure.charsets.includes(charset)) structure.charsets.push(charset);
          samples.set(node, {
            ordinal: structure.parts - 1,
            declared: charset,
            inherited: inheritedCharset(node),
            body: { chunks: [], size: 0 },
          });
        } else if (!node.multipart && !QUOTED_TYPES.has(contentType) && !DELIVERY_STATUS_TYPES.has(contentType)) {
          structure.attachmentParts++;
        }
        if (KEPT_TYPES.has(contentType) && !(forwarded && DELIVERY_STATUS_TYPES.has(contentType))) {
          kept.set(node, { chunks: [], size: 0 });
        }
        const parentType = node.parentNode ? node.parentNode.contentType : false;
        if (parentType === 'message/rfc822' || parentType === 'message/global') {
          structure.quotedHeaders.push(node.getHeaders().subarray(0, KEPT_LIMIT).toString('latin1'));
        }
      } else if (chunk.type === 'body' && chunk.value) {
        const body = kept.get(chunk.node) ?? samples.get(chunk.node)?.body;
        if (body && body.size < KEPT_LIMIT) {
          body.chunks.push(chunk.value);
          body.size += chunk.value.length;
        }
      }
    });
    finished(splitter, (error?: (Error & { code?: string }) | null) => {
      if (error) {
        fail(
          error.code === 'EMAXLEN'
            ? `MIME structure over a limit: ${error.message}`
            : `unreadable MIME: ${error.message}`,
        );
        return;
      }
      if (settled) return;
      settled = true;
      for (const [node, body] of kept) {
        const text = Buffer.concat(body.chunks).subarray(0, KEPT_LIMIT).toString('latin1');
        if (DELIVERY_STATUS_TYPES.has((node.contentType || '').toLowerCase())) structure.deliveryStatus += text;
        else if (text.trim()) structure.quotedHeaders.push(text.split(/\r?\n\r?\n/, 1)[0]!);
      }
      for (const [node, sample] of samples) {
        const bytes = transferDecode(node.encoding || '', Buffer.concat(sample.body.chunks).subarray(0, KEPT_LIMIT));
        const charset = repairedCharset(sample.declared, sample.inherited, bytes);
        if (charset) structure.repairs.set(sample.ordinal, charset);
      }
      resolve({ ok: true, structure });
    });
    splitter.end(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
  });
}
