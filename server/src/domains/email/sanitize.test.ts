import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeEmailHtml } from './sanitize.ts';

describe('sanitizeEmailHtml', () => {
  it('keeps the layout of a typical newsletter', () => {
    const html =
      '<center><table width="600" cellpadding="4" bgcolor="#ffffff" align="center"><tr>' +
      '<td width="50%" valign="top" colspan="2" style="padding: 8px 12px; color: #333; font-family: Arial, sans-serif">' +
      '<font face="Georgia" color="red" size="3">Hi</font><h2>Title</h2><ul><li>one</li></ul>' +
      '<blockquote>quoted</blockquote></td></tr></table></center>';
    assert.equal(
      sanitizeEmailHtml(html),
      html.replace(
        'padding: 8px 12px; color: #333; font-family: Arial, sans-serif',
        'padding:8px 12px;color:#333;font-family:Arial, sans-serif',
      ),
    );
  });

  it('drops scripts, event handlers, forms and embedded documents', () => {
    const out = sanitizeEmailHtml(
      '<p onclick="x()" onmouseover="y()">a</p><script>alert(1)</script><form action="https://e.test"><input name="q"><button>go</button></form>' +
        '<iframe srcdoc="<script>x</script>"></iframe><object data="x.swf"></object><embed src="x.swf">' +
        '<svg onload="x()"><script>x</script></svg><math><mi>x</mi></math><style>body{}</style>' +
        '<meta http-equiv="refresh" content="0;url=javascript:x()"><base href="https://evil.test/"><link rel="stylesheet" href="https://e.test/a.css">',
    );
    assert.equal(out, '<p>a</p>');
  });

  it('keeps only http, https, mailto and tel links, opened in a new context without referrer', () => {
    assert.equal(
      sanitizeEmailHtml('<a href="https://shop.test/a?b=1&amp;c=2">x</a>'),
      '<a href="https://shop.test/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">x</a>',
    );
    assert.equal(
      sanitizeEmailHtml('<a href="mailto:a@b.test">m</a>'),
      '<a href="mailto:a@b.test" rel="noopener noreferrer" target="_blank">m</a>',
    );
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'jav&#x09;ascript:alert(1)',
      '&#106;avascript:alert(1)',
      ' \u0001javascript:alert(1)',
      'java\nscript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'javascript%3Aalert(1)',
      '/api/v1/cases',
      '//evil.test/x',
    ]) {
      assert.equal(sanitizeEmailHtml(`<a href="${href}">x</a>`), '<a>x</a>', href);
    }
  });

  it('keeps remote, cid and data images of the raster types, drops other sources', () => {
    assert.equal(
      sanitizeEmailHtml('<img src="https://cdn.test/a.png" alt="a">'),
      '<img alt="a" src="https://cdn.test/a.png" />',
    );
    assert.equal(sanitizeEmailHtml('<img src="cid:logo@x">'), '<img src="cid:logo@x" />');
    assert.equal(
      sanitizeEmailHtml('<img src="data:image/png;base64,iVBORw0KGgo=">'),
      '<img src="data:image/png;base64,iVBORw0KGgo=" />',
    );
    for (const src of [
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,PHNjcmlwdD4=',
      'javascript:x()',
      '/x.png',
    ]) {
      assert.equal(
        sanitizeEmailHtml(`<img src="${src}" srcset="https://e.test/a.png 1x" onerror="x()">`),
        '<img />',
        src,
      );
    }
  });

  it('rewrites cid references to the URL the caller gives, and drops unknown ones', () => {
    const cidUrl = (cid: string) => (cid === 'logo@x' ? 'data:image/png;base64,AAAA' : null);
    assert.equal(sanitizeEmailHtml('<img src="cid:logo@x">', { cidUrl }), '<img src="data:image/png;base64,AAAA" />');
    assert.equal(sanitizeEmailHtml('<img src="CID:logo%40x">', { cidUrl }), '<img src="data:image/png;base64,AAAA" />');
    assert.equal(sanitizeEmailHtml('<img src="cid:other">', { cidUrl }), '<img />');
  });

  it('keeps references to stored attachments, or rewrites them when asked; no other relative source', () => {
    const id = '0b6f1c9e-8a3d-4c2b-9e1f-2a3b4c5d6e7f';
    assert.equal(sanitizeEmailHtml(`<img src="/api/v1/attachments/${id}">`), `<img src="/api/v1/attachments/${id}" />`);
    const attachmentUrl = (ref: string) => (ref === id ? 'data:image/gif;base64,R0lGODlh' : null);
    assert.equal(
      sanitizeEmailHtml(`<img src="/api/v1/attachments/${id.toUpperCase()}">`, { attachmentUrl }),
      '<img src="data:image/gif;base64,R0lGODlh" />',
    );
    for (const src of [
      `/api/v1/attachments/${id}/../../auth/logout`,
      `/api/v1/attachments/${id}?x=1`,
      '/api/v1/cases',
    ]) {
      assert.equal(sanitizeEmailHtml(`<img src="${src}">`, { attachmentUrl }), '<img />', src);
    }
  });

  it('keeps whitelisted inline styles and drops url(), expression(), behaviours, bindings and fixed overlays', () => {
    assert.equal(
      sanitizeEmailHtml(
        '<div style="color: rgb(1, 2, 3); background: url(https://t.test/p.gif); width: expression(alert(1)); behavior: url(x.htc); -moz-binding: url(x.xml#x); position: fixed; top: 0">x</div>',
      ),
      '<div style="color:rgb(1, 2, 3)">x</div>',
    );
    assert.equal(sanitizeEmailHtml('<p style="background-image: url(https://t.test/p.gif)">x</p>'), '<p>x</p>');
    assert.equal(sanitizeEmailHtml('<p style="color: \\75 rl(x)">x</p>'), '<p>x</p>');
    assert.equal(
      sanitizeEmailHtml('<p style="position: relative; font-weight: bold !important">x</p>'),
      '<p style="position:relative;font-weight:bold !important">x</p>',
    );
  });

  it('drops the background attribute and the text of template and noscript tricks', () => {
    assert.equal(
      sanitizeEmailHtml(
        '<table background="https://t.test/p.gif"><tr><td background="javascript:x()">a</td></tr></table>',
      ),
      '<table><tr><td>a</td></tr></table>',
    );
    assert.equal(sanitizeEmailHtml('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>b'), 'b');
    assert.equal(sanitizeEmailHtml('<template><img src=x onerror=alert(1)></template>c'), 'c');
  });

  it('is stable: sanitizing its own output changes nothing', () => {
    const once = sanitizeEmailHtml('<p style="color:red">a <a href="https://x.test">b</a> <img src="cid:c"></p>');
    assert.equal(sanitizeEmailHtml(once), once);
  });
});
