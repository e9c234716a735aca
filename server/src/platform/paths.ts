// Folders the server reads at run time, found from the server package's folder: the same
// whether the code runs from its sources (tests) or from the bundle in dist/ (`heard`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageFolder(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}

const SERVER_FOLDER = packageFolder(dirname(fileURLToPath(import.meta.url)));

/** The generated SQL migrations. */
export const MIGRATIONS_FOLDER = join(SERVER_FOLDER, 'drizzle');
/** The `heard` command. */
export const HEARD_BIN = join(SERVER_FOLDER, 'bin/heard.mjs');
/** The built web app. */
export const WEB_DIST = join(SERVER_FOLDER, '../web/dist');
