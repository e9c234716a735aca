// Folds the quoted history away from a reply's plain text, for display; the original text is
// kept beside it. Recognized: "On … wrote:" attribution lines and their equivalents in the
// desk's languages (RU "… написал(а):", PL "… napisał(a):", RO "… a scris:", DE, FR, ES, IT),
// "> " quoted blocks, Outlook's "-----Original Message-----" separators and its
// "From: … / Sent: …" header blocks (in EN/RU/PL/RO/DE/FR). Forwarded messages are content,
// not history, and are left alone. When folding would leave nothing, the text is returned as is.

const ATTRIBUTION_END =
  /(?:wrote|writes|написал(?:а|\(а\))?|пишет|napisał(?:a|\(a\))?|napisal(?:a|\(a\))?|a scris|schrieb|a écrit|escribió|ha scritto)\s*:\s*$/iu;
const ATTRIBUTION_START = /^(?:On|Am|Le|El|Il|W dniu|Dnia|În data de|In data de|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\b/iu;

const SEPARATOR =
  /^\s*-{2,}\s*(?:Original Message|Исходное сообщение|Wiadomość oryginalna|Oryginalna wiadomość|Mesaj original|Mesajul original|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/iu;
const UNDERSCORES = /^\s*_{10,}\s*$/;
const OUTLOOK_FROM = /^\s*\*?(?:From|От|Od|De la|De|Von|Da)\s*:\*?\s+\S/iu;
// Forwarded messages are what the customer wants us to read: never folded.
const FORWARDED =
  /forwarded message|begin forwarded message|пересланное сообщение|wiadomość przekazana dalej|mesaj redirecționat|mesaj redirectionat|weitergeleitete nachricht|message transféré/iu;
// Yandex and others: "02.03.2026, 10:00, "Support" <support@heard.test>:" — a date, an address, a colon.
const DATED_ADDRESS = /\d.*<[^<>\s]+@[^<>\s]+>\s*:\s*$/u;
const OUTLOOK_SENT =
  /^\s*\*?(?:Sent|Date|Отправлено|Дата|Wysłano|Wysłane|Data|Trimis|Gesendet|Envoyé|Enviado|Inviato)\s*:\*?\s+\S/iu;
const QUOTED = /^\s*>/;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Markers are short lines; longer ones are never tested (and the patterns stay linear). */
const MAX_MARKER_LENGTH = 300;

/** An attribution line ("On Mon, 1 Jan 2024, Ann <ann@example.com> wrote:"), possibly wrapped over two lines. */
function attributionAt(lines: string[], index: number): number {
  const line = lines[index]!;
  if (QUOTED.test(line)) return 0;
  // Both one-line forms end with a colon: most lines are ruled out without running a pattern.
  if (line.trimEnd().endsWith(':') && (ATTRIBUTION_END.test(line) || DATED_ADDRESS.test(line))) return 1;
  const next = lines[index + 1];
  if (next === undefined || (line + next).length > MAX_MARKER_LENGTH) return 0;
  return ATTRIBUTION_START.test(line.trim()) && ATTRIBUTION_END.test(next) ? 2 : 0;
}

/** Outlook's header block: a From: line with a Sent:/Date: line among the next four, not a forward's. */
function outlookHeaderAt(lines: string[], index: number): boolean {
  if (!OUTLOOK_FROM.test(lines[index] ?? '')) return false;
  if (lines.slice(Math.max(0, index - 3), index).some((line) => FORWARDED.test(line))) return false;
  return lines.slice(index + 1, index + 5).some((line) => OUTLOOK_SENT.test(line));
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1]!)) end--;
  return lines.slice(0, end);
}

/** The index where the history starts, or -1. */
function historyStart(lines: string[]): number {
  // From each line on: how many non-blank lines follow, and how many of them are quoted.
  const nonBlank = new Array<number>(lines.length + 1).fill(0);
  const quoted = new Array<number>(lines.length + 1).fill(0);
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!;
    nonBlank[index] = nonBlank[index + 1]! + (isBlank(line) ? 0 : 1);
    quoted[index] = quoted[index + 1]! + (QUOTED.test(line) ? 1 : 0);
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.length > MAX_MARKER_LENGTH) continue;
    if (SEPARATOR.test(line)) return index;
    if (UNDERSCORES.test(line) && outlookHeaderAt(lines, index + 1 + (isBlank(lines[index + 1] ?? 'x') ? 1 : 0))) {
      return index;
    }
    if (outlookHeaderAt(lines, index) && index > 0) return index;
    const attribution = attributionAt(lines, index);
    if (attribution > 0) {
      const after = index + attribution;
      // All quoted (ordinary top-posting) or none quoted (a client that indents without ">"):
      // history. A mix is an inline reply: the answers between the quotes stay.
      if (quoted[after] === nonBlank[after] || quoted[after] === 0) return index;
    }
  }
  return -1;
}

export function foldQuotedHistory(text: string): string {
  const lines = text.split(/\r?\n/);
  const start = historyStart(lines);
  let kept = start >= 0 ? lines.slice(0, start) : lines;
  kept = trimEnd(kept);
  // A trailing ">" block with no attribution line is history too.
  let end = kept.length;
  while (end > 0 && (QUOTED.test(kept[end - 1]!) || isBlank(kept[end - 1]!))) end--;
  if (end > 0 && end < kept.length && kept.slice(end).some((line) => QUOTED.test(line))) kept = kept.slice(0, end);
  const folded = trimEnd(kept).join('\n');
  return folded.trim() === '' ? text : folded;
}
