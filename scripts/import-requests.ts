/**
 * `npm run import:requests -- file.csv [options]`: the legacy import from the command line, with
 * the same module, checks and rows as the admin page (docs/decisions/0015-legacy-import.md).
 *
 *   --mapping mapping.json   columns: {"columns": {"legacyId": "Case #", ...}, "dateOrder": "dmy",
 *                            "types": {"Pot hole": "pothole"}} (or just {"legacyId": "Case #", ...})
 *   --types OLD=code,...     unknown type values → our type codes (OLD= rejects OLD's rows)
 *   --date-order mdy|dmy     how slash dates read (default mdy)
 *   --dry-run                validate and print the report; store no request
 *   --lang en|es             language of the report
 *
 * Prints the report (row, field, problem) and a summary with the time taken. Exit code 0 when the
 * file was read (rejected rows are in the report), 1 for a bad file or mapping, 2 for bad usage.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { systemCaller } from '~/lib/caller.server';
import { closeDb, db } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { splitMessage } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import { migrate } from '~/lib/migrate.server';
import { runClaimed } from '~/modules/jobs/worker.server';
import { readCsv } from '~/modules/requests/legacy-import/csv.server';
import { DATE_ORDERS, IMPORT_FIELDS, MappingSchema, type ImportMapping } from '~/modules/requests/legacy-import/fields';
import type { Problem } from '~/modules/requests/legacy-import/rows';
import {
  beginImportRun,
  checkImportRun,
  continueImportRun,
  createImportRun,
  storedMapping,
  type ImportProgress,
} from '~/modules/requests/legacy-import/runs.server';

const USAGE =
  'usage: npm run import:requests -- <file.csv> [--mapping mapping.json] [--types OLD=code,...] [--date-order mdy|dmy] [--dry-run] [--lang en|es]';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      types: { type: 'string' },
      'date-order': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [path] = args.positionals;
const dateOrder = args.values['date-order'];
if (!path || args.positionals.length > 1 || (dateOrder && !(DATE_ORDERS as readonly string[]).includes(dateOrder))) {
  console.error(USAGE);
  process.exit(2);
}

const t = await fixedT(args.values.lang === 'es' ? 'es' : 'en', ['admin', 'forms', 'requests']);
const say = (message: string) => {
  const [key, values] = splitMessage(message);
  return t(key, values);
};
function fail(message: string): never {
  console.error(say(message));
  process.exit(1);
}

let bytes: Buffer;
try {
  bytes = readFileSync(path);
} catch (error) {
  fail(`cannot read ${path}: ${(error as Error).message}`);
}
const read = readCsv(bytes);
if (!read.ok) fail(read.error);

/** The mapping file's overrides on top of the guesses from the headers. */
function mappingFromOptions(guessed: ImportMapping): ImportMapping {
  let mapping: ImportMapping = { ...guessed, types: { ...guessed.types } };
  if (args.values.mapping) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(args.values.mapping, 'utf8'));
    } catch (error) {
      fail(`cannot read ${args.values.mapping}: ${(error as Error).message}`);
    }
    const wrapped = raw && typeof raw === 'object' && !('columns' in raw) ? { columns: raw } : raw;
    const parsed = MappingSchema.safeParse(wrapped);
    if (!parsed.success) fail(`${args.values.mapping}: not a mapping (fields: ${IMPORT_FIELDS.join(', ')})`);
    mapping = {
      columns: { ...mapping.columns, ...parsed.data.columns },
      dateOrder: parsed.data.dateOrder,
      types: { ...mapping.types, ...parsed.data.types },
    };
  }
  for (const pair of (args.values.types ?? '').split(',').filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    if (eq < 1) fail(`--types: "${pair}" is not OLD=code`);
    // An own key even for a value named `__proto__` (an assignment would set the prototype).
    mapping.types = { ...mapping.types, ...Object.fromEntries([[pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()]]) };
  }
  if (dateOrder) mapping.dateOrder = dateOrder as ImportMapping['dateOrder'];
  return mapping;
}

function printReport(report: Problem[]) {
  if (!report.length) return console.log(t('admin:imports.reportEmpty'));
  console.log(
    [
      t('admin:imports.reportColumns.row'),
      t('admin:imports.reportColumns.field'),
      t('admin:imports.reportColumns.problem'),
      t('admin:imports.reportColumns.value'),
    ].join('\t'),
  );
  for (const p of report) console.log([p.row, t(`admin:imports.fields.${p.field}`), say(p.problem), p.value ?? ''].join('\t'));
}

const env = getEnv();
await migrate(env.DATABASE_URL);
const caller = systemCaller();
const created = await createImportRun(caller, { fileName: basename(path), text: read.text, via: 'cli' });
if (!created.ok) fail(created.message ?? '');
const runId = created.value.id;
const run = await db().importRun.findUniqueOrThrow({ where: { id: runId }, select: { mapping: true, typeMap: true } });
const mapping = mappingFromOptions(storedMapping(run));
const startedAt = performance.now();

let summary: { imported: number; alreadyPresent: number; rejected: number };
if (args.values['dry-run']) {
  const checked = await checkImportRun(caller, runId, mapping);
  if (!checked.ok) fail(checked.message ?? '');
  summary = checked.value;
} else {
  // The run's job is leased to this process, which runs it in the foreground; if it dies, a
  // server's worker takes the job over once the lease has run out.
  const leaseMs = 60_000;
  const begun = await beginImportRun(caller, runId, mapping, { workerId: `cli:${process.pid}`, leaseMs });
  if (!begun.ok) fail(begun.message ?? '');
  let progress: ImportProgress | undefined;
  const onProgress = (p: ImportProgress) => process.stderr.write(`\r${p.percent}%`);
  const outcome = await runClaimed(
    begun.value,
    { run: async (_payload, { signal }) => (progress = await continueImportRun(runId, { signal, onProgress })) },
    { leaseMs },
  );
  process.stderr.write('\n');
  if (outcome !== 'done' || !progress) fail('admin:imports.failures.error');
  summary = progress!;
}
const seconds = (performance.now() - startedAt) / 1000;
const final = await db().importRun.findUniqueOrThrow({ where: { id: runId }, select: { report: true, total: true } });
printReport(final.report as Problem[]);
const c = (key: string) => t(`admin:imports.counts.${key}`);
console.log(
  [
    `${c('total')}: ${final.total}`,
    `${args.values['dry-run'] ? c('toImport') : c('imported')}: ${summary.imported}`,
    `${c('alreadyPresent')}: ${summary.alreadyPresent}`,
    `${c('rejected')}: ${summary.rejected}`,
    `${seconds.toFixed(2)} s (${Math.round(final.total / Math.max(seconds, 0.001))} rows/s)`,
    `run ${runId}`,
  ].join('\n'),
);
await closeDb();
