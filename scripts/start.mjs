// `npm start`: build if the build is missing or older than the sources, then serve.
// Migrations and the demo seed run inside the server at start-up.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

const outputs = ['build/index.js', 'build/server.js', 'public/build'];
// `npm run dev` leaves a development build, marked by build/.development (newer than its output).
const isDevBuild = () => existsSync('build/.development') && statSync('build/.development').mtimeMs >= statSync('build/index.js').mtimeMs;
const built = outputs.every((p) => existsSync(p)) && !isDevBuild();
const sources = Math.max(newest('app'), newest('server'), statSync('remix.config.js').mtimeMs);
if (!built || sources > Math.min(...outputs.map((p) => statSync(p).mtimeMs))) {
  console.log('[start] building…');
  execSync('npm run build', { stdio: 'inherit' });
}
const child = spawn(process.execPath, ['build/server.js'], {
  stdio: 'inherit',
  env: { NODE_ENV: 'production', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
