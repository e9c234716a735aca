/// <reference types="node" />
// Starts a real Heard server on a fresh data folder and a headless Chromium for the browser
// tests. Paths are relative to this file so the suite runs from any checkout.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, '..');
const serverBin = resolve(webRoot, '../server/bin/heard.mjs');

export const PASSWORD = 'demo-password-1';
export const USERS = {
  admin: 'admin@demo.heard.test',
  anna: 'agent@demo.heard.test',
  piotr: 'agent2@demo.heard.test',
  sofia: 'supervisor@demo.heard.test',
} as const;

export interface Heard {
  /** The server's data folder (outgoing mail lands in mail-out/ when no relay is set). */
  dataDir: string;
  baseUrl: string;
  /** The inbound SMTP listener's port when started with `{ smtp: true }`. */
  smtpPort: number | null;
  browser: Browser;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** The server serves web/dist; build it when it is missing (or when HEARD_WEB_REBUILD=1). */
function ensureBuilt(): void {
  if (existsSync(join(webRoot, 'dist/index.html')) && process.env.HEARD_WEB_REBUILD !== '1') return;
  const vite = resolve(webRoot, '../node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: webRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`heard exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`heard was not ready within 120 s:\n${output()}`);
}

export async function startHeard(options: { smtp?: boolean } = {}): Promise<Heard> {
  ensureBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'heard-web-test-'));
  const port = await freePort();
  const smtpPort = options.smtp ? await freePort() : null;
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [serverBin, 'start'], {
    env: { ...process.env, HEARD_DATA_DIR: dataDir, PORT: String(port), HEARD_SMTP_PORT: String(smtpPort ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const stopServer = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, child, () => log);
  } catch (error) {
    await stopServer();
    throw error;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    dataDir,
    baseUrl,
    smtpPort,
    browser,
    stop: async () => {
      await browser.close();
      await stopServer();
    },
  };
}

/**
 * The Heard of one `describe`: started before its tests and stopped after them. The object is
 * filled in once the server is up, so tests use it as they would `startHeard`'s result.
 */
export function heardForSuite(options: { smtp?: boolean } = {}): Heard {
  const heard = {} as Heard;
  before(async () => {
    Object.assign(heard, await startHeard(options));
  });
  after(async () => {
    await heard.stop?.();
  });
  return heard;
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(
  heard: Heard,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await heard.browser.newContext({
    baseURL: heard.baseUrl,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? DESKTOP,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, email: string, buttonName: string | RegExp = /sign in/i): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: buttonName }).click();
  await page.waitForURL(/\/inbox/);
}

/** Picks an option of a Mantine Select identified by its accessible name. */
export async function choose(page: Page, selectName: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: selectName }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Polls `check` until it returns true (Playwright's `expect` is not part of playwright-core). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.HEARD_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** The words of the composer's commitment panel in the language a test uses. */
export const PLAN_LABELS = {
  en: { segment: 'Next step', field: /What happens next/ },
  ru: { segment: 'Следующий шаг', field: /Что будет дальше/ },
  ro: { segment: 'Pasul următor', field: /Ce urmează/ },
} as const;

/** Says in the composer's commitment panel what happens after this reply. */
export async function setNextStep(page: Page, labels: (typeof PLAN_LABELS)[keyof typeof PLAN_LABELS], text: string) {
  const panel = page.getByTestId('commitment-panel');
  await panel.getByText(labels.segment, { exact: true }).click();
  await panel.getByRole('textbox', { name: labels.field }).fill(text);
}

/** The `x-csrf-token` header of the page's session, for API calls made with `page.request`. */
export async function csrfHeaders(page: Page): Promise<{ 'x-csrf-token': string }> {
  const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  return { 'x-csrf-token': session.csrfToken };
}
