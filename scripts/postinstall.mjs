// Runs after `npm install`: make sure the native SQLite driver is built (npm 11 may skip
// install scripts) and generate the Prisma clients offline.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch {
  console.log('[postinstall] building better-sqlite3');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
}
if (existsSync('prisma/schema.prisma')) {
  execSync('node scripts/prisma-generate.mjs', { stdio: 'inherit' });
}
