// A real Dovecot (Debian's dovecot-imapd) for the IMAP tests: started in the foreground
// (`dovecot -F -c <conf>`) on a free loopback port with its own temporary configuration,
// maildirs and passwd-file users — no system configuration, no service left behind.
// Without the binary the tests fail (CI installs it); HEARD_SKIP_DOVECOT=1 skips them.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/usr/bin/dovecot'];

/** Why the Dovecot tests do not run, or undefined when they do (a missing binary is an error, not a skip). */
export function dovecotSkipReason(): string | undefined {
  if (process.env.HEARD_SKIP_DOVECOT === '1') return 'HEARD_SKIP_DOVECOT=1: the IMAP tests against Dovecot are skipped';
  return undefined;
}

function dovecotBinary(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'dovecot is not installed: apt-get install -y dovecot-imapd (or set HEARD_SKIP_DOVECOT=1 to skip these tests)',
    );
  }
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The uid/gid that owns the mail: root may not (Dovecot refuses uid 0), so root uses Debian's `mail` user. */
function mailOwner(): { uid: number; gid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid };
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('mail:'));
  if (!line) throw new Error('running as root needs the `mail` user to own the test maildirs');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function configuration(root: string, port: number, owner: { uid: number; gid: number }): string {
  const me = userInfo();
  // As root, Dovecot's own unprivileged users (from the Debian package) run the login and
  // internal services; as anyone else, everything runs as that user.
  const users = me.uid === 0 ? '' : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\n`;
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${root}/run
state_dir = ${root}/state
instance_name = heard-test-${port}
log_path = ${root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
${users}first_valid_uid = 1
mail_location = maildir:${root}/mail/%u
passdb {
  driver = passwd-file
  args = ${root}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${root}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

async function waitForGreeting(port: number, process: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (process.exitCode !== null) throw new Error(`dovecot exited with ${process.exitCode}:\n${log()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.setTimeout(1000);
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.connect(port, '127.0.0.1');
    });
    if (greeted) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not answer on port ${port}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Dovecot {
  host: string;
  port: number;
  /** A connected IMAP client for one of the users (close it with logout()). */
  client(user: string): Promise<ImapFlow>;
  /** Appends a message to a user's folder as a mail client would; returns its UID. */
  append(user: string, folder: string, raw: string, flags?: string[]): Promise<number>;
  stop(): Promise<void>;
}

/** Starts Dovecot with these users (name → password). */
export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  const binary = dovecotBinary();
  const owner = mailOwner();
  const root = mkdtempSync(join(tmpdir(), 'heard-dovecot-'));
  // The login processes run as Dovecot's own user and must reach the sockets under root/run.
  chmodSync(root, 0o755);
  for (const folder of ['run', 'state', 'mail']) mkdirSync(join(root, folder));
  chownSync(join(root, 'mail'), owner.uid, owner.gid);
  writeFileSync(
    join(root, 'passwd'),
    Object.entries(users)
      .map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`)
      .join(''),
    { mode: 0o644 },
  );
  const port = await freePort();
  writeFileSync(join(root, 'dovecot.conf'), configuration(root, port, owner));
  const child = spawn(binary, ['-F', '-c', join(root, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (data) => {
    output += data;
  });
  child.stderr?.on('data', (data) => {
    output += data;
  });
  const log = () => {
    const file = join(root, 'dovecot.log');
    return `${output}${existsSync(file) ? readFileSync(file, 'utf8') : ''}`.split('\n').slice(-30).join('\n');
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForGreeting(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const client = async (user: string) => {
    const connection = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: users[user]! },
      logger: false,
    });
    await connection.connect();
    return connection;
  };

  return {
    host: '127.0.0.1',
    port,
    client,
    async append(user, folder, raw, flags = []) {
      const connection = await client(user);
      try {
        const appended = await connection.append(folder, raw, flags);
        if (!appended || appended.uid === undefined) throw new Error(`APPEND to ${user}/${folder} failed`);
        return appended.uid;
      } finally {
        await connection.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
