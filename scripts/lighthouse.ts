// `npm run lighthouse`: Lighthouse (mobile emulation, its default config) on the home page, a
// thread and the request form of the production build with the demo data, each page run 3 times
// (the median counts: a shared machine moves the performance score). Prints the four category
// scores per page, writes every run's HTML and JSON report to .lighthouse/ (git-ignored), and
// exits 1 when a median is below the bar: accessibility 100, best practices 95, performance 90.
//   -- --url http://localhost:3000   a running server instead of a fresh one
//   -- --runs 5                      runs per page
//   -- --report-only                 print, never fail
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { argValue, demoServer } from './demo-server';

const OUT = '.lighthouse';
const RUNS = Number(argValue('--runs') ?? 3);
const REPORT_ONLY = process.argv.includes('--report-only');
const BARS = { performance: 90, accessibility: 100, 'best-practices': 95, seo: 0 } as const;
type Category = keyof typeof BARS;
const CATEGORIES = Object.keys(BARS) as Category[];
// What a slow page is made of: the metrics Lighthouse weighs into the performance score.
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

/** Debian's Chromium with a DevTools port the system picks, read from its first lines. */
async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'townsquare-lighthouse-'));
  const chrome = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((found, failed) => {
    let text = '';
    chrome.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (match) found(Number(match[1]));
    });
    chrome.once('exit', (code) => failed(new Error(`chromium exited (${code}): ${text}`)));
  });
  const stop = async () => {
    const exited = new Promise((done) => chrome.once('exit', done));
    chrome.kill('SIGTERM');
    await exited;
    rmSync(profile, { recursive: true, force: true });
  };
  return { port, stop };
}

/** A thread of the demo's Riverside channel: the first one its page links to. */
async function threadPath(url: string) {
  const html = await (await fetch(`${url}/channels/n-riverside`)).text();
  const match = /href="(\/threads\/[^"/?#]+)"/.exec(html);
  if (!match) throw new Error('no thread linked from /channels/n-riverside');
  return match[1];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const started = Date.now();
const server = await demoServer(4701);
const chrome = await launchChromium();
mkdirSync(OUT, { recursive: true });
const rows: { page: string; scores: Record<Category, number>; metrics: string; failing: string[] }[] = [];
try {
  const pages = { home: '/', thread: await threadPath(server.url), 'request-form': '/requests/new/pothole' };
  for (const [name, path] of Object.entries(pages)) {
    const runs: { scores: Record<Category, number>; metrics: string; failing: string[] }[] = [];
    let extra = 0;
    for (let run = 1; run <= RUNS + extra; run++) {
      const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: ['json', 'html'], logLevel: 'error' });
      if (!result) throw new Error(`lighthouse gave no result for ${path}`);
      const [json, html] = result.report as string[];
      writeFileSync(join(OUT, `${name}-${run}.json`), json);
      writeFileSync(join(OUT, `${name}-${run}.html`), html);
      const { categories, audits, runtimeError } = result.lhr;
      // A run Chromium could not trace (NO_NAVSTART and the like on a loaded machine) scores 0: run it again.
      if (runtimeError) {
        console.log(`${name} run ${run}: ${runtimeError.code}, again`);
        if (run <= RUNS * 2) extra++;
        continue;
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)])) as Record<
        Category,
        number
      >;
      const metrics = [...METRICS, 'bootup-time', 'total-byte-weight']
        .map((id) => `${audits[id].title}: ${audits[id].displayValue}`)
        .join(', ');
      // Failed audits of the categories that are ours to keep whole: what to fix.
      const failing = (['accessibility', 'best-practices', 'seo'] as const).flatMap((c) =>
        categories[c].auditRefs
          .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score! < 1)
          .map((ref) => `${c}: ${ref.id} (${audits[ref.id].title})`),
      );
      runs.push({ scores, metrics, failing });
      console.log(`${name} run ${run}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}`);
    }
    if (!runs.length) throw new Error(`every Lighthouse run of ${path} failed`);
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r.scores[c]))])) as Record<Category, number>;
    // The run whose performance is the median one tells what dominates it.
    const middle = runs.find((r) => r.scores.performance === scores.performance)!;
    rows.push({ page: `${name} (${path})`, scores, metrics: middle.metrics, failing: [...new Set(runs.flatMap((r) => r.failing))] });
  }
} finally {
  await chrome.stop();
  await server.stop();
}

console.log(`\nMedian of ${RUNS} runs, mobile emulation (reports in ${OUT}/):`);
console.table(Object.fromEntries(rows.map((r) => [r.page, r.scores])));
for (const row of rows) {
  console.log(`${row.page}: ${row.metrics}`);
  for (const f of row.failing) console.log(`  failing ${f}`);
}
const below = rows.flatMap((r) => CATEGORIES.filter((c) => r.scores[c] < BARS[c]).map((c) => `${r.page} ${c} ${r.scores[c]} < ${BARS[c]}`));
console.log(`\n${Math.round((Date.now() - started) / 1000)} s`);
if (below.length) {
  console.log(`Below the bar:\n  ${below.join('\n  ')}`);
  if (!REPORT_ONLY) process.exit(1);
} else console.log('Every page meets the bar.');
