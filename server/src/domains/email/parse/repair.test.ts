import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transferDecode } from './repair.ts';

const qp = (text: string) => transferDecode('quoted-printable', Buffer.from(text, 'latin1')).toString('latin1');

describe('transfer decoding of a text part sample', () => {
  it('quoted-printable: =XX in either case, soft line breaks joined first', () => {
    assert.equal(qp('caf=C3=a9'), 'caf\xc3\xa9');
    assert.equal(qp('one =\r\ntwo=\nthree'), 'one twothree');
    // A soft break inside an escape: the escape is read across it, as the join comes first.
    assert.equal(qp('=4=\r\n1'), 'A');
  });

  it('quoted-printable: what is not an escape stays as written', () => {
    assert.equal(qp('a=zz b= c=4'), 'a=zz b= c=4');
    assert.equal(qp('100% = 1=\r'), '100% = 1=\r');
    assert.equal(qp('\xff\xfe'), '\xff\xfe');
  });

  it('base64 ignores line breaks and junk; other encodings pass through', () => {
    assert.equal(transferDecode('base64', Buffer.from('SGVs\r\nbG8=\r\n')).toString(), 'Hello');
    assert.equal(transferDecode('8bit', Buffer.from('as is')).toString(), 'as is');
  });
});
