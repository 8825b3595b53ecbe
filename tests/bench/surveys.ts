/**
 * `npm run bench` (surveys part): figures for surveys on this machine, each beside a baseline
 * measured in the same run. Prints, never asserts.
 *  1. Answer submission: a one-page survey of 10 questions answered through the real page (CSRF,
 *     honeypot, validation, conditions, one transaction), 10 concurrent visitors each from its own
 *     address (TRUST_PROXY=1), on a survey that is not anonymous (the answer set, tallies and
 *     results event written at once) and on an anonymous one (a sealed pending set, mixed in
 *     batches of five by the job); beside raw node:http answering a POST of the same size.
 *  2. The public results page of a survey with 100,000 answer sets (the page cache bypassed), beside
 *     raw node:http sending the same bytes.
 * BENCH_SECONDS (default 10) sets each measurement's length; BENCH_NODE_ARGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof") profiles the measured server; BENCH_PART=answers or results runs one part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { parseQuestions } from '~/modules/surveys/questions';
import { tallyBuckets } from '~/modules/surveys/tally';
import { freePort } from '../support/server';
import { printTable } from './http';
import { benchServerEnv, migrateAndSeed, cpuMs, startRawServer, stop, waitFor } from './processes';
import { printWrites, rawPostLoad, timedWrites } from './writes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const runs = (part: 'answers' | 'results') => !process.env.BENCH_PART || process.env.BENCH_PART === part;

const L = (en: string) => ({ en, es: `${en} (es)` });
const options = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));
/** Ten questions of the kinds a city survey mixes, all on one page. */
const QUESTIONS = parseQuestions([
  { key: 'q1', kind: 'singleChoice', order: 1, required: true, label: L('How often?'), options: options('often', 'sometimes', 'never') },
  { key: 'q2', kind: 'rating', order: 2, required: true, label: L('How clean?'), scale: { min: 1, max: 5 } },
  { key: 'q3', kind: 'yesNo', order: 3, required: true, label: L('Safe at night?') },
  { key: 'q4', kind: 'longText', order: 4, required: false, label: L('Why not?'), condition: { question: 'q3', op: 'eq', value: 'no' } },
  {
    key: 'q5',
    kind: 'multipleChoice',
    order: 5,
    required: true,
    label: L('Improve'),
    options: options('lights', 'shade', 'toilets', 'play'),
    maxChoices: 2,
  },
  { key: 'q6', kind: 'number', order: 6, required: false, label: L('Visits a month'), min: 0, max: 60 },
  { key: 'q7', kind: 'ranking', order: 7, required: false, label: L('Rank'), options: options('pool', 'trail', 'garden') },
  { key: 'q8', kind: 'matrix', order: 8, required: false, label: L('Rate'), scale: { min: 1, max: 5 }, rows: options('plaza', 'river') },
  { key: 'q9', kind: 'date', order: 9, required: false, label: L('Last visit') },
  { key: 'q10', kind: 'text', order: 10, required: false, label: L('One idea') },
]);
const ANSWER = {
  'a.q1': 'often',
  'a.q2': '4',
  'a.q3': 'no',
  'a.q4': 'More lights on the river path.',
  'a.q5': 'lights',
  'a.q6': '6',
  'a.q7.pool': '3',
  'a.q7.trail': '1',
  'a.q7.garden': '2',
  'a.q8.plaza': '4',
  'a.q8.river': '3',
  'a.q9': '2026-11-28',
  'a.q10': 'A dog run',
};

function insertSurvey(file: string, id: string, anonymous: boolean) {
  const db = new Database(file);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO "Survey" (id, title, intro, thanks, sections, questions, anonymous, audience, "audienceNeighborhoods", status, "resultsPublic", version, "responseCount", "createdAt", "updatedAt")
     VALUES (?, ?, '{}', '{}', '[]', ?, ?, 'public', '[]', 'published', 1, 1, 0, ?, ?)`,
  ).run(id, JSON.stringify(L(`Bench survey ${id}`)), JSON.stringify(QUESTIONS), anonymous ? 1 : 0, now, now);
  db.close();
}

/** 100,000 answer sets with their tallies, straight into SQLite (as the answering engine writes them). */
function fillAnswers(file: string, surveyId: string, count: number) {
  const db = new Database(file);
  const hoods = (db.prepare(`SELECT id FROM "Neighborhood"`).all() as { id: string }[]).map((r) => r.id);
  const insert = db.prepare(
    `INSERT INTO "SurveyResponse" (id, "surveyId", answers, language, "neighborhoodId", channel, "submittedOn", batch) VALUES (?, ?, ?, ?, ?, 'web', ?, ?)`,
  );
  const tallies = new Map<string, number>();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const answers = {
        q1: ['often', 'sometimes', 'never'][i % 3],
        q2: 1 + (i % 5),
        q3: i % 4 !== 0,
        q5: i % 2 ? ['lights'] : ['shade', 'play'],
        q6: i % 30,
        q7: i % 2 ? ['trail', 'garden', 'pool'] : ['pool', 'trail', 'garden'],
        q8: { plaza: 1 + (i % 5), river: 1 + ((i * 7) % 5) },
      };
      const language = i % 3 === 0 ? 'es' : 'en';
      const hood = hoods[i % hoods.length];
      insert.run(randomUUID(), surveyId, JSON.stringify(answers), language, hood, '2026-11-20', Math.floor(i / 5) + 1);
      for (const b of tallyBuckets(QUESTIONS, answers)) {
        const key = JSON.stringify([b.questionKey, b.bucket, hood, language]);
        tallies.set(key, (tallies.get(key) ?? 0) + 1);
      }
    }
    const tally = db.prepare(
      `INSERT INTO "SurveyTally" ("surveyId", "questionKey", bucket, "neighborhoodId", language, count) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    for (const [key, n] of tallies) tally.run(surveyId, ...(JSON.parse(key) as string[]), n);
    db.prepare(`UPDATE "Survey" SET "responseCount" = ? WHERE id = ?`).run(count, surveyId);
  })();
  db.close();
  return tallies.size;
}

/** The hidden fields of a page's form (CSRF, honeypot, stamp, carry), as a browser would send them back. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const tag of html.match(/<input[^>]*>/g) ?? []) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (!name || name.startsWith('a.')) continue;
    if (/type="(radio|checkbox)"/.test(tag)) continue;
    fields[name] = (/value="([^"]*)"/.exec(tag)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  return fields;
}

/** 10 concurrent visitors answering the survey's one page for SECONDS; each answer set is new (no cookie kept). */
async function answerLoad(base: string, surveyId: string, server: number | undefined) {
  const url = `${base}/surveys/${surveyId}/1`;
  let ip = 0;
  const visitor = async () => {
    const address = `10.7.${(ip >> 8) & 255}.${ip++ & 255}`;
    const page = await fetch(url, { headers: { 'X-Forwarded-For': address } });
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, fields: hiddenFields(await page.text()), address };
  };
  // A visitor's honeypot fields are only valid after a moment (like a person reading the page).
  const visitors = await Promise.all(Array.from({ length: 200 }, visitor));
  await new Promise((r) => setTimeout(r, 1500));
  return timedWrites(SECONDS, server, (n) => {
    const v = visitors[n % visitors.length];
    return fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: v.cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': v.address },
      body: new URLSearchParams({ ...v.fields, ...ANSWER, intent: 'next' }),
    });
  });
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-bench-surveys-'));
  const file = join(dataDir, 'townsquare.db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchServerEnv(port, dataDir);
  // First start migrates and seeds; then the surveys are added and the server started again.
  await migrateAndSeed(env, base);
  const [named, anonymous, big] = ['benchnamed', 'benchanon', 'benchbig'];
  insertSurvey(file, named, false);
  insertSurvey(file, anonymous, true);
  insertSurvey(file, big, true);
  const t0 = Date.now();
  const tallyRows = fillAnswers(file, big, 100_000);
  console.log(`\nsurvey data: 100,000 answer sets, ${tallyRows} tally rows (inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, 'build/server.js'], { env, stdio: 'inherit' });
  await waitFor(`${base}/healthz`);
  const procs: ChildProcess[] = [];
  try {
    if (runs('answers')) await answerBench(base, named, anonymous, app.pid);
    if (runs('results')) {
      // 2. Results page (public results; a cookie the page cache does not know bypasses it).
      const resultsUrl = `${base}/surveys/${big}/results`;
      const body = Buffer.from(
        await (await fetch(resultsUrl, { headers: { 'Accept-Encoding': 'identity', Cookie: 'bench=1' } })).arrayBuffer(),
      );
      const rawPage = await startRawServer(body, dataDir, 'results.html');
      procs.push(rawPage.child);
      const run = async (label: string, url: string, headers: Record<string, string> = {}) => {
        await autocannon({ url, headers, connections: 10, duration: 2 });
        const [cpuBefore, threadBefore] = [cpuMs(app.pid), cpuMs(app.pid, true)];
        const r = await autocannon({ url, headers, connections: 10, duration: SECONDS });
        const [cpu, thread] = [cpuMs(app.pid), cpuMs(app.pid, true)];
        const perRequest = (after: number | null, before: number | null) =>
          after !== null && before !== null ? ((after - before) / r.requests.total).toFixed(1) : '?';
        if (headers.Cookie)
          console.log(
            `results page: server CPU ${perRequest(cpu, cpuBefore)} ms/request (${perRequest(thread, threadBefore)} ms on the main thread)`,
          );
        return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
      };
      printTable(`Results page of a survey with 100,000 answer sets, ${body.length} bytes`, [
        await run('raw node:http, same bytes', rawPage.url),
        await run('Townsquare results page (page cache bypassed)', resultsUrl, { Cookie: 'bench=1' }),
      ]);
    }
  } finally {
    await Promise.all([stop(app), ...procs.map(stop)]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** 1. Answer submission, beside raw node:http reading a form post of the same size. */
async function answerBench(base: string, named: string, anonymous: string, server: number | undefined) {
  const bodySize = new URLSearchParams({ ...ANSWER, intent: 'next', csrf: 'x'.repeat(43), stamp: 'x'.repeat(16), carry: '{}' }).toString()
    .length;
  const raw = await rawPostLoad(bodySize, SECONDS);
  const namedResult = await answerLoad(base, named, server);
  const anonymousResult = await answerLoad(base, anonymous, server);
  printWrites(`Answer submission, 10 questions on one page (10 concurrent respondents, ${SECONDS} s each)`, 'CPU ms/answer (main)', [
    [`raw node:http, a ${bodySize}-byte form post`, raw],
    ['survey not anonymous (written at once)', namedResult],
    ['anonymous survey (sealed, mixed by 5)', anonymousResult],
  ]);
}

await main();
