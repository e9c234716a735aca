// `npm start`: builds the web app when its build is missing or older than its sources,
// then runs `heard start` with any extra arguments (npm start -- --no-demo).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'web');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

if (existsSync(join(web, 'package.json'))) {
  const built = join(web, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts'].map((name) => join(web, name)).filter(existsSync);
  if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
    console.log('Building the web app…');
    const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
const server = spawnSync(process.execPath, [join(root, 'server/bin/heard.mjs'), 'start', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(server.status ?? 1);
