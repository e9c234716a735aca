// Test helpers of the parser's suites: the fixture files, a minimal message, a refusal's reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ParseResult } from './parsed.ts';

export const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/email/${name}`, import.meta.url));

/** The reason a message was refused (asserting it was). */
export function reason(result: ParseResult): string {
  assert.equal(result.ok, false, 'the message is refused');
  return result.ok ? '' : result.failure.reason;
}

/** A message with the given extra headers and body. */
export function message(headers: string, body: string): Buffer {
  return Buffer.from(`From: a@example.com\r\nTo: support@heard.test\r\nMIME-Version: 1.0\r\n${headers}\r\n\r\n${body}`);
}
