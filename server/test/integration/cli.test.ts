// The `heard` command as a user runs it: real processes on a real data folder, including
// a second process refused while the server holds the folder, and kill -9 followed by a
// restart that takes over the stale lock and reopens the embedded database.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '../../bin/heard.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'heard-cli-'));
const env = { ...process.env, HEARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', HEARD_SMTP_PORT: '0' };

const heard = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8', timeout: 120_000 });

async function startServer(): Promise<{ child: ChildProcess; output: () => string; port: number }> {
  const child = spawn(process.execPath, [bin, 'start', '--no-demo'], { env: { ...env, PORT: '0' } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = /http:\/\/localhost:(\d+)\//.exec(output);
    if (match) return { child, output: () => output, port: Number(match[1]) };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('heard CLI', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it('prints help and refuses bad arguments with exit code 2', () => {
    const help = heard(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /token create/);
    assert.match(heard(['start', '--help']).stdout, /--no-demo/);
    for (const args of [
      ['frobnicate'],
      ['user', 'add', '--email'],
      ['token', 'create', '--role', 'agent'],
      ['start', '--roles', 'api,cook'],
      ['user', 'add', '--email', 'a@b.c', '--name', 'A', '--role', 'wizard'],
    ]) {
      const result = heard(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /heard: /);
    }
  });

  it('checks replies from stdin without a database: findings exit 1, clean text 0, bad usage 2', () => {
    const blocked = heard(['check-reply', '--lang', 'ru', '--json', '-'], 'Это не входит в мои обязанности');
    assert.equal(blocked.status, 1, blocked.stderr);
    const findings = JSON.parse(blocked.stdout) as { category: string; severity: string }[];
    assert.ok(findings.some((f) => f.category === 'not-my-job' && f.severity === 'block'));
    const clean = heard(
      ['check-reply', '--lang', 'en', '-'],
      'Hello Emily, this is Anna. Your parcel arrives on Friday; I will call you on Thursday to confirm the time.',
    );
    assert.equal(clean.status, 0, clean.stdout);
    assert.equal(heard(['check-reply', '--lang', 'xx', '-'], 'x').status, 2);
  });

  it('migrates, adds a user from stdin and prints only a token', () => {
    assert.equal(heard(['migrate']).status, 0);
    const added = heard(
      ['user', 'add', '--email', 'ops@example.com', '--name', 'Ops Admin', '--role', 'admin', '--password-stdin'],
      'a-very-long-password\n',
    );
    assert.equal(added.status, 0, added.stderr);
    const token = heard(['token', 'create', '--role', 'agent', '--name', 'Shop']);
    assert.equal(token.status, 0, token.stderr);
    assert.match(token.stdout, /^hrd_[A-Za-z0-9_-]{40,}\n$/);
  });

  it('refuses a second process on the same folder, then takes over after kill -9 and reopens', async () => {
    const server = await startServer();
    children.push(server.child);
    const login = await fetch(`http://localhost:${server.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'a-very-long-password' }),
    });
    assert.equal(login.status, 200);

    const second = heard(['migrate']);
    assert.equal(second.status, 1);
    assert.match(second.stderr, /in use by a running Heard process \(pid \d+\)/);

    server.child.kill('SIGKILL');
    await new Promise((resolve) => server.child.once('exit', resolve));
    const restarted = await startServer();
    children.push(restarted.child);
    assert.match(restarted.output(), /took over the stale lock/);
    const ready = await fetch(`http://localhost:${restarted.port}/readyz`);
    assert.equal(ready.status, 200);
    const again = await fetch(`http://localhost:${restarted.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@example.com', password: 'a-very-long-password' }),
    });
    assert.equal(again.status, 200, 'data written before the crash is still there');
    restarted.child.kill('SIGTERM');
    const code = await new Promise((resolve) => restarted.child.once('exit', resolve));
    assert.equal(code, 0, 'graceful shutdown');
  });
});
