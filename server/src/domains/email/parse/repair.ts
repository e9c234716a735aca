// Rewrites a message so mailparser decodes it right (see charset.ts for the decisions): the
// charset parameter of mislabeled text parts, and raw 8-bit header lines in a legacy charset
// (RFC 5322 allows neither, old clients send both) transcoded to UTF-8 (RFC 6532).
import { isAscii } from 'node:buffer';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Joiner, Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import iconv from 'iconv-lite';
import { guessCharset, repairedCharset } from './charset.ts';

const HEX = new Int8Array(256).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX['0123456789ABCDEF'.charCodeAt(digit)] = digit;
  HEX['0123456789abcdef'.charCodeAt(digit)] = digit;
}

/** Quoted-printable: soft line breaks ("=" at a line end) removed, then "=XX" decoded; anything else kept as is. */
function decodeQuotedPrintable(body: Buffer): Buffer {
  const joined = Buffer.allocUnsafe(body.length);
  let length = 0;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index]!;
    if (byte === 0x3d && body[index + 1] === 0x0a) index += 1;
    else if (byte === 0x3d && body[index + 1] === 0x0d && body[index + 2] === 0x0a) index += 2;
    else joined[length++] = byte;
  }
  const decoded = Buffer.allocUnsafe(length);
  let size = 0;
  for (let index = 0; index < length; index++) {
    const byte = joined[index]!;
    const high = byte === 0x3d && index + 2 < length ? HEX[joined[index + 1]!]! : -1;
    const low = high >= 0 ? HEX[joined[index + 2]!]! : -1;
    if (low >= 0) {
      decoded[size++] = high * 16 + low;
      index += 2;
    } else decoded[size++] = byte;
  }
  return decoded.subarray(0, size);
}

/** Decodes the transfer encoding of a (sample of a) part body. */
export function transferDecode(encoding: string, body: Buffer): Buffer {
  if (encoding === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Where the top-level header block ends (the offset of its terminating blank line). */
export function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf < 0) return lf < 0 ? raw.length : lf;
  return lf < 0 ? crlf : Math.min(crlf, lf);
}

/**
 * The message with an empty header block put in front when it starts with no header field at
 * all (a bare text pasted into a mail pipe): otherwise its first paragraph would be read as headers.
 */
export function withHeaderBlock(raw: Buffer): Buffer {
  const firstLine = raw.subarray(0, Math.min(raw.length, 1000)).toString('latin1').split(/\r?\n/, 1)[0]!;
  if (/^[!-9;-~]+:/.test(firstLine) || /^From /.test(firstLine)) return raw;
  return Buffer.concat([Buffer.from('\r\n'), raw]);
}

/**
 * The message with its top-level header lines that carry raw 8-bit text in a legacy charset
 * transcoded to UTF-8; `hint` is the body's charset when it is a known legacy one.
 */
export function utf8HeaderBlock(raw: Buffer, hint: string | null): Buffer {
  const end = headerEnd(raw);
  const head = raw.subarray(0, end);
  if (isAscii(head)) return raw;
  const highBytes = Buffer.from(head.filter((byte) => byte >= 0x80));
  if (repairedCharset('', '', highBytes) === 'utf-8') return raw;
  const charset = hint && iconv.encodingExists(hint) ? hint : guessCharset(highBytes);
  const lines = head.toString('latin1').split('\n');
  const transcoded = lines.map((line) => {
    const bytes = Buffer.from(line, 'latin1');
    if (isAscii(bytes) || repairedCharset('utf-8', '', bytes) === null) return bytes;
    return Buffer.from(iconv.decode(bytes, charset), 'utf8');
  });
  const joined = transcoded.flatMap((bytes, index) => (index === 0 ? [bytes] : [Buffer.from('\n'), bytes]));
  return Buffer.concat([...joined, raw.subarray(end)]);
}

/** The message with the charset parameter of the given parts (by their order in the tree) replaced. */
export async function rewriteCharsets(raw: Buffer, repairs: Map<number, string>): Promise<Buffer> {
  let ordinal = 0;
  const output: Buffer[] = [];
  const retag = new Transform({
    objectMode: true,
    transform(chunk: SplitterChunk, _encoding, callback) {
      if (chunk.type === 'node') {
        const charset = repairs.get(ordinal++);
        if (charset) chunk.setCharset(charset);
      }
      callback(null, chunk);
    },
  });
  const joiner = new Joiner();
  joiner.on('data', (data: Buffer) => output.push(data));
  await pipeline(Readable.from([raw]), new Splitter({ defaultInlineEmbedded: true }), retag, joiner);
  return Buffer.concat(output);
}
