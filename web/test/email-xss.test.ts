/// <reference types="node" />
// Hostile HTML emails, sent by SMTP to a running Heard and opened in the case view in Chromium:
// nothing in them runs, nothing in them reaches the network, and a remote image loads only
// after the agent asks for it.
//
// Every fixture in fixtures/xss/ is an HTML body; {{JS}} becomes code that would report to the
// test if it ever ran (a postMessage to the case view, a fetch to the hook server, a call into
// the top page), {{HOOK}} the hook server's address (any request to it is a leak) and {{ID}}
// the fixture's name. The test watches the hook server, the messages the case view receives,
// dialogs, popups and the frames' addresses.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { BrowserContext, Page } from 'playwright-core';
import { smtpClient } from '../../server/test/helpers/smtp-client.ts';
import { eventually, type Heard, newPage, screenshot, signIn, startHeard, USERS } from './harness.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/xss');
const SENDER = 'mallory@xss.test';
const REMOTE_IMAGE = 'remote-image';

interface Fixture {
  id: string;
  html: string;
}

/** The hook server: any request to it means a hostile email reached the network. */
async function startHook(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    // A real 1×1 GIF, so the allowed remote image renders.
    response.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    response.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function loadFixtures(hook: string): Fixture[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html$/, '');
      const js = `parent.postMessage('xss:${id}','*');fetch('${hook}/js/${id}');top.__xss('${id}')`;
      const body = readFileSync(join(FIXTURES, name), 'utf8')
        .replaceAll('{{JS}}', js)
        .replaceAll('{{HOOK}}', hook)
        .replaceAll('{{ID}}', id);
      // The marker comes first, so a fixture that swallows what follows cannot hide it.
      return { id, html: `<p>fixture ${id}</p>${body}` };
    });
}

describe('hostile HTML email in the case view', () => {
  let heard: Heard;
  let hook: Awaited<ReturnType<typeof startHook>>;
  let fixtures: Fixture[];
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const popups: string[] = [];
  /** message id → fixture id, from the case's messages as the API lists them. */
  const messageOf = new Map<string, string>();
  let caseId = '';

  /** Sends one hostile email; all but the first answer the first, so they thread onto its case. */
  async function send(smtp: Transporter<SMTPTransport.SentMessageInfo>, message: Fixture, root?: string) {
    await smtp.sendMail({
      from: `Mallory <${SENDER}>`,
      to: 'support@desk.test',
      subject: root ? 'Re: Hostile HTML' : 'Hostile HTML',
      messageId: `<${message.id}@xss.test>`,
      ...(root ? { inReplyTo: root, references: [root] } : {}),
      text: `fixture ${message.id}`,
      html: message.html,
    });
  }

  /** Ingest is a job: waits until `count` hostile emails are listed, all on one case. */
  async function waitForMessages(count: number) {
    let caseCount = 0;
    await eventually(
      async () => {
        const list = await page.request.get(`/api/v1/cases?customerEmail=${SENDER}&status=any&view=all`);
        const cases = ((await list.json()) as { items: { id: string }[] }).items;
        messageOf.clear();
        for (const item of cases) {
          const response = await page.request.get(`/api/v1/cases/${item.id}/messages`);
          for (const message of ((await response.json()) as { items: { id: string; text: string }[] }).items) {
            const fixture = /fixture (\S+)/.exec(message.text)?.[1];
            if (fixture) messageOf.set(message.id, fixture);
          }
        }
        caseId = cases[0]?.id ?? '';
        caseCount = cases.length;
        return messageOf.size === count;
      },
      `${count} hostile emails`,
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${messageOf.size} listed on ${caseCount} case(s)`);
    });
    assert.equal(caseCount, 1, "the answers thread onto the first email's case");
  }

  before(async () => {
    hook = await startHook();
    fixtures = loadFixtures(hook.url);
    assert.ok(fixtures.length >= 50, `only ${fixtures.length} fixtures`);
    heard = await startHeard({ smtp: true });
    ({ context, page } = await newPage(heard));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    context.on('page', (popup) => popups.push(popup.url()));
    // A string, not a function: the test runner's transform would add helpers the page lacks.
    await page.addInitScript(`
      window.__xssHits = [];
      window.__xss = function (id) { window.__xssHits.push('direct:' + id); };
      window.addEventListener('message', function (event) { window.__xssHits.push(String(event.data)); });
    `);
    await signIn(page, USERS.admin);

    const smtp = smtpClient(heard.smtpPort ?? 0, {
      // The test machine is shared and slow: a late greeting is not a failure of what is tested.
      greetingTimeout: 60_000,
    });
    // The email with the remote image opens the case; once it is there, the hostile ones answer it.
    await send(smtp, {
      id: REMOTE_IMAGE,
      html: `<p>fixture ${REMOTE_IMAGE}</p><img src="${hook.url}/pixel/${REMOTE_IMAGE}.gif" alt="pixel">`,
    });
    await waitForMessages(1);
    for (const fixture of fixtures) await send(smtp, fixture, `<${REMOTE_IMAGE}@xss.test>`);
    smtp.close();
    await waitForMessages(fixtures.length + 1);
    assert.deepEqual(hook.requests, [], 'nothing was fetched while the mail was received and stored');
  });

  after(async () => {
    await context?.close();
    await heard?.stop();
    await new Promise((resolve) => hook?.server.close(resolve));
  });

  const frameOf = (fixture: string) => {
    const messageId = [...messageOf].find(([, id]) => id === fixture)?.[0];
    assert.ok(messageId, `no message for ${fixture}`);
    return page.frameLocator(`iframe[src*="/messages/${messageId}/html"]`);
  };
  const hits = () => page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits);

  test('none of the payloads runs or reaches the network, even when clicked', async () => {
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('message-html').first().waitFor();
    assert.equal(await page.getByTestId('message-html').count(), fixtures.length + 1);
    for (const fixture of fixtures) {
      const frame = frameOf(fixture.id);
      await frame.getByText(`fixture ${fixture.id}`, { exact: true }).waitFor();
      // Whatever survived is clicked and hovered: handlers and links must be gone or inert.
      for (const element of await frame.locator('body *').all()) {
        await element.hover({ force: true, timeout: 2_000 }).catch(() => undefined);
        await element.click({ force: true, timeout: 2_000, noWaitAfter: true }).catch(() => undefined);
      }
    }
    await page.waitForTimeout(1_500);
    // The watchers work: a message posted to the case view is seen.
    await page.evaluate(() => window.postMessage('watcher check', '*'));
    await eventually(async () => (await hits()).includes('watcher check'), 'the watcher check');
    assert.deepEqual(
      (await hits()).filter((hit) => hit !== 'watcher check'),
      [],
      'no payload reported back',
    );
    assert.deepEqual(hook.requests, [], 'no request left the case view');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(popups, []);
    // Every frame still shows its message: no refresh, base or form moved it elsewhere, and none holds another frame.
    const frames = page.mainFrame().childFrames();
    assert.equal(frames.length, fixtures.length + 1);
    for (const frame of frames) {
      assert.match(frame.url(), new RegExp(`^${heard.baseUrl}/api/v1/messages/[0-9a-f-]{36}/html\\?images=block$`));
      assert.deepEqual(frame.childFrames(), []);
    }
    assert.equal(new URL(page.url()).pathname, `/cases/${caseId}`);
  });

  test('a remote image loads only after "Show remote images", and only for that message', async () => {
    await page.goto(`/cases/${caseId}`);
    await frameOf(REMOTE_IMAGE).getByText(`fixture ${REMOTE_IMAGE}`).waitFor();
    await page.waitForTimeout(1_000);
    assert.deepEqual(hook.requests, [], 'blocked until allowed');
    const buttons = page.getByRole('button', { name: 'Show remote images' });
    // Only the message whose HTML still has a remote image offers the button.
    assert.equal(await buttons.count(), 1);
    await buttons.scrollIntoViewIfNeeded();
    await screenshot(page, 'email-remote-images-blocked');
    await buttons.click();
    await eventually(async () => hook.requests.includes(`/pixel/${REMOTE_IMAGE}.gif`), 'the remote image request');
    await page.waitForTimeout(1_000);
    assert.deepEqual(hook.requests, [`/pixel/${REMOTE_IMAGE}.gif`], 'no other message loads anything');
    assert.equal(await buttons.count(), 0);
    // The choice is remembered for the message while the tab lives.
    await page.reload();
    await frameOf(REMOTE_IMAGE).getByText(`fixture ${REMOTE_IMAGE}`).waitFor();
    assert.equal(await page.locator('iframe[src$="images=allow"]').count(), 1);
    assert.deepEqual(await hits(), []);
    assert.deepEqual(dialogs, []);
  });
});
