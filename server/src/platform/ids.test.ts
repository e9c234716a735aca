import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomToken, sha256, signValue, verifySignedValue } from './ids.ts';

describe('signed values', () => {
  const secret = 'x'.repeat(40);
  const later = new Date(Date.now() + 60_000);

  it('round-trips a payload that contains dots', () => {
    assert.equal(verifySignedValue(secret, signValue(secret, 'case.42', later)), 'case.42');
  });

  it('refuses a forged, re-signed or expired value', () => {
    const signed = signValue(secret, 'case.42', later);
    assert.equal(verifySignedValue(secret, signed.replace('case.42', 'case.43')), null);
    assert.equal(verifySignedValue('y'.repeat(40), signed), null);
    assert.equal(verifySignedValue(secret, signValue(secret, 'a', new Date(Date.now() - 2000))), null);
    assert.equal(verifySignedValue(secret, 'garbage'), null);
  });

  it('makes long random tokens and stable hashes', () => {
    assert.notEqual(randomToken(), randomToken());
    assert.ok(randomToken().length >= 43);
    assert.equal(sha256('a'), sha256('a'));
    assert.equal(sha256('a').length, 64);
  });
});
