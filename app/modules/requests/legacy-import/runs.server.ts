import type { Caller } from '~/lib/caller.server';
import { fail, ok, type Result } from '~/lib/result';
import { bulkInsert, newRowId, type Column } from '~/lib/bulk-insert.server';
import { db, transaction, type Tx } from '~/lib/db.server';
import { audit } from '~/modules/audit/audit.server';
import { enqueue, liveJobs, type ClaimedJob, type EnqueueOptions } from '~/modules/jobs/queue.server';
import { JobInterrupted, type JobHandler } from '~/modules/jobs/worker.server';
import { getCity } from '~/modules/places/queries.server';
import { publishAfterCommit, type RealtimeEvent } from '~/modules/realtime/publish.server';
import { newPublicCode } from '~/modules/requests/tracking/tracking-links.server';
import { parseCsv } from './csv.server';
import { guessMapping, IMPORT_BATCH, REQUIRED_FIELDS, type ImportMapping, type RunStatus } from './fields';
import { validateRows, type ImportContext, type PreparedRow, type Problem } from './rows';

/**
 * The legacy import of historical service requests (docs/decisions/0015-legacy-import.md), one
 * module for the admin page and the CLI:
 *  1. createImportRun: the uploaded file is stored with its headers and a guessed mapping;
 *  2. checkImportRun (dry run): every row validated, already-present legacy ids counted, nothing written;
 *  3. startImportRun: the run becomes a job (`imports.run`, app/modules/jobs) in the transaction
 *     that marks it running, and the worker writes it, not the HTTP request; rows are written
 *     500 per transaction with the run's counters, and a progress event for the admin-only room
 *     `import:<id>` is published after each commit. A rejected row writes nothing; a legacy id
 *     already present is counted, never written twice, so importing a file again adds nothing.
 *     A worker that dies mid-run leaves its job to another, which goes on from the last batch.
 * Imported rows send no mail, alert no liaison and notify nobody; the staff queues get one
 * refresh event at the end.
 */

const HOUR = 3_600_000;
/** The job that writes a running run. */
export const IMPORT_JOB = 'imports.run';

export async function importContext(now = new Date()): Promise<ImportContext> {
  const [city, types, neighborhoods] = await Promise.all([
    getCity(),
    db().requestType.findMany({
      select: { id: true, code: true, name: true, departmentId: true, currentVersion: true, defaultPriority: true, targetHours: true },
    }),
    db().neighborhood.findMany({ select: { id: true, slug: true, name: true } }),
  ]);
  return {
    timeZone: city.timeZone,
    locale: city.defaultLocale,
    now,
    types: types.map((t) => ({ ...t, name: t.name as Record<string, string> })),
    neighborhoods: neighborhoods.map((n) => ({ ...n, name: n.name as Record<string, string> })),
  };
}

/** Stores an uploaded file as a draft run with the guessed column mapping. */
export async function createImportRun(
  caller: Caller,
  args: { fileName: string; text: string; via?: 'web' | 'cli' },
): Promise<Result<{ id: string }>> {
  const parsed = parseCsv(args.text);
  if (!parsed.ok) return fail.invalid({}, parsed.error);
  const mapping: ImportMapping = { columns: guessMapping(parsed.file.headers), dateOrder: 'mdy', types: {} };
  const run = await db().importRun.create({
    data: {
      via: args.via ?? 'web',
      fileName: args.fileName.slice(0, 200),
      fileText: parsed.text,
      headers: parsed.file.headers,
      mapping: { columns: mapping.columns, dateOrder: mapping.dateOrder } as never,
      typeMap: {},
      total: parsed.file.rows.length,
      report: [],
      createdById: caller.user?.id ?? null,
    },
    select: { id: true },
  });
  return ok({ id: run.id });
}

async function loadFile(id: string) {
  const run = await db().importRun.findUnique({ where: { id }, select: { id: true, status: true, fileText: true, processed: true } });
  if (!run) return null;
  // A completed run no longer holds its file (finishRun clears it): nothing left to read.
  if (run.status === 'completed') return { run, headers: [] as string[], rows: [] as string[][] };
  const parsed = parseCsv(run.fileText);
  if (!parsed.ok) return null;
  return { run, ...parsed.file };
}

/** A mapping is usable when every required field names one of the file's columns. */
function mappingProblem(mapping: ImportMapping, headers: string[]): string | null {
  for (const [field, header] of Object.entries(mapping.columns))
    if (header && !headers.includes(header)) return `admin:imports.errors.unknownColumn|${JSON.stringify({ field })}`;
  return REQUIRED_FIELDS.every((f) => mapping.columns[f]) ? null : 'admin:imports.errors.requiredColumns';
}

function cleanMapping(mapping: ImportMapping): ImportMapping {
  const columns = Object.fromEntries(Object.entries(mapping.columns).filter(([, header]) => header)) as ImportMapping['columns'];
  return { columns, dateOrder: mapping.dateOrder, types: mapping.types };
}

/** Legacy ids among these that a request already carries (imported before). */
async function presentLegacyIds(tx: Pick<Tx, 'serviceRequest'>, ids: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let i = 0; i < ids.length; i += IMPORT_BATCH) {
    const rows = await tx.serviceRequest.findMany({
      where: { legacyId: { in: ids.slice(i, i + IMPORT_BATCH) } },
      select: { legacyId: true },
    });
    for (const r of rows) if (r.legacyId) present.add(r.legacyId);
  }
  return present;
}

/**
 * The dry run: validates every row with this mapping and stores the report; writes no request.
 * A run that cannot be checked (running, completed) or a mapping that cannot be used is `invalid`.
 */
export async function checkImportRun(
  _caller: Caller,
  id: string,
  input: ImportMapping,
): Promise<Result<{ imported: number; alreadyPresent: number; rejected: number }>> {
  const file = await loadFile(id);
  if (!file) return fail.notFound('admin:imports.errors.notFound');
  if (file.run.status === 'running' || file.run.status === 'completed') return fail.invalid({}, 'admin:imports.errors.notEditable');
  const mapping = cleanMapping(input);
  const problem = mappingProblem(mapping, file.headers);
  if (problem) return fail.invalid({}, problem);
  const { valid, problems, rejected } = validateRows(file.rows, file.headers, mapping, await importContext());
  const present = await presentLegacyIds(
    db(),
    valid.map((r) => r.legacyId),
  );
  const counts = { imported: valid.length - present.size, alreadyPresent: present.size, rejected };
  const updated = await db().importRun.updateMany({
    where: { id, status: { in: ['draft', 'validated', 'failed'] } },
    data: { status: 'validated', ...mappingData(mapping), ...counts, processed: 0, report: problems as never, failure: null },
  });
  return updated.count ? ok(counts) : fail.invalid({}, 'admin:imports.errors.notEditable');
}

function mappingData(mapping: ImportMapping) {
  return { mapping: { columns: mapping.columns, dateOrder: mapping.dateOrder } as never, typeMap: mapping.types as never };
}

/**
 * Starts (or, for a failed run, resumes) the import with this mapping and returns at once: the
 * run's job is committed with its status, and the worker writes the rows. One run at a time.
 */
export async function startImportRun(caller: Caller, id: string, input: ImportMapping | null): Promise<Result> {
  const begun = await beginImportRun(caller, id, input);
  return begun.ok ? ok() : begun;
}

/**
 * Marks the run running with its mapping (a failed run keeps its own: rows already written were
 * read with it) and enqueues its job in the same transaction; `leasedTo` keeps the job for a
 * caller that runs it itself (the command line). A run that cannot start now (completed, another
 * running, a mapping that cannot be used) is a `conflict`.
 */
export async function beginImportRun(
  caller: Caller,
  id: string,
  input: ImportMapping | null,
  leasedTo?: EnqueueOptions['leasedTo'],
): Promise<Result<ClaimedJob>> {
  const file = await loadFile(id);
  if (!file) return fail.notFound('admin:imports.errors.notFound');
  if (file.run.status === 'completed') return fail.conflict('admin:imports.errors.notEditable');
  const current = await db().importRun.findUniqueOrThrow({ where: { id }, select: { mapping: true, typeMap: true, status: true } });
  const resuming = current.status === 'failed';
  const mapping = input && !resuming ? cleanMapping(input) : storedMapping(current);
  const problem = mappingProblem(mapping, file.headers);
  if (problem) return fail.conflict(problem);
  const started = await transaction(async (tx) => {
    if (await tx.importRun.count({ where: { status: 'running', id: { not: id } } })) return 'busy';
    const changed = await tx.importRun.updateMany({
      where: { id, status: { in: resuming ? ['failed'] : ['draft', 'validated'] } },
      data: {
        status: 'running',
        failure: null,
        startedAt: new Date(),
        finishedAt: null,
        ...(resuming ? {} : { ...mappingData(mapping), processed: 0, imported: 0, alreadyPresent: 0 }),
      },
    });
    if (!changed.count) return 'notEditable';
    await audit(tx, {
      actorId: caller.user?.id ?? null,
      action: resuming ? 'import.resume' : 'import.start',
      targetKind: 'import-run',
      targetId: id,
      after: resuming ? undefined : { mapping },
      requestId: caller.requestId,
    });
    return enqueue(tx, IMPORT_JOB, { runId: id }, { maxAttempts: 3, leasedTo });
  });
  return typeof started === 'string' ? fail.conflict(`admin:imports.errors.${started}`) : ok(started);
}

export function storedMapping(run: { mapping: unknown; typeMap: unknown }): ImportMapping {
  const m = (run.mapping ?? {}) as Partial<ImportMapping>;
  return { columns: m.columns ?? {}, dateOrder: m.dateOrder ?? 'mdy', types: (run.typeMap ?? {}) as Record<string, string> };
}

/**
 * Writes a running run's rows from where it stopped (`processed` valid rows are done): the
 * report is stored first, then each batch commits its requests with the counters.
 */
export async function continueImportRun(
  id: string,
  options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportProgress> {
  const file = await loadFile(id);
  if (!file || file.run.status !== 'running') throw new Error(`import run ${id} is not running`);
  const run = await db().importRun.findUniqueOrThrow({ where: { id }, select: { mapping: true, typeMap: true, processed: true } });
  const context = await importContext();
  const { valid, problems, rejected } = validateRows(file.rows, file.headers, storedMapping(run), context);
  await db().importRun.update({ where: { id }, data: { report: problems as never, rejected, total: file.rows.length } });
  let progress = await readProgress(id);
  for (let at = run.processed; at < valid.length; at += IMPORT_BATCH) {
    // Stopped between batches (the process is shutting down): the job is given back and the next
    // worker goes on from here.
    if (options.signal?.aborted) throw new JobInterrupted();
    progress = await importBatch(id, valid.slice(at, at + IMPORT_BATCH), file.rows.length, context.locale);
    options.onProgress?.(progress);
  }
  return finishRun(id);
}

export type ImportProgress = {
  runId: string;
  status: RunStatus;
  total: number;
  processed: number;
  imported: number;
  alreadyPresent: number;
  rejected: number;
  percent: number;
};

const COUNTS = { id: true, status: true, total: true, processed: true, imported: true, alreadyPresent: true, rejected: true } as const;
function toProgress(r: {
  id: string;
  status: string;
  total: number;
  processed: number;
  imported: number;
  alreadyPresent: number;
  rejected: number;
}): ImportProgress {
  const done = r.status === 'completed' ? r.total : Math.min(r.total, r.processed + r.rejected);
  return {
    runId: r.id,
    status: r.status as RunStatus,
    total: r.total,
    processed: r.processed,
    imported: r.imported,
    alreadyPresent: r.alreadyPresent,
    rejected: r.rejected,
    percent: r.total ? Math.floor((done * 100) / r.total) : 100,
  };
}
async function readProgress(id: string) {
  return toProgress(await db().importRun.findUniqueOrThrow({ where: { id }, select: COUNTS }));
}

/** Public codes not yet taken (drawn like a resident's request's; clashes drawn again). */
async function freeCodes(tx: Tx, n: number): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < n) {
    const draw = new Set<string>();
    while (draw.size < n - codes.size) {
      const c = newPublicCode();
      if (!codes.has(c)) draw.add(c);
    }
    const taken = new Set(
      (await tx.serviceRequest.findMany({ where: { publicCode: { in: [...draw] } }, select: { publicCode: true } })).map(
        (r) => r.publicCode,
      ),
    );
    for (const c of draw) if (!taken.has(c)) codes.add(c);
  }
  return [...codes];
}

/** The timeline an imported row gets: created, then a status entry for each known timestamp. */
function timeline(r: PreparedRow) {
  const events: { kind: string; fromStatus: string | null; toStatus: string; note: string | null; createdAt: Date }[] = [
    { kind: 'created', fromStatus: null, toStatus: 'new', note: null, createdAt: r.createdAt },
  ];
  const step = (toStatus: string, at: Date | null, note: string | null = null) => {
    if (!at) return;
    events.push({ kind: 'status', fromStatus: events[events.length - 1].toStatus, toStatus, note, createdAt: at });
  };
  step('acknowledged', r.acknowledgedAt);
  step('resolved', r.resolvedAt, r.resolutionNote);
  step(['duplicate', 'declined'].includes(r.status) ? r.status : 'closed', r.closedAt, r.resolvedAt ? null : r.resolutionNote);
  const last = events[events.length - 1];
  // A final status without its own date (e.g. in progress) is entered at the latest known time.
  if (last.toStatus !== r.status)
    events.push({ kind: 'status', fromStatus: last.toStatus, toStatus: r.status, note: null, createdAt: last.createdAt });
  return events;
}

/** The columns a batch writes (raw multi-row inserts: docs/decisions/0015-legacy-import.md). */
const REQUEST_COLUMNS: Column[] = [
  ['id', 'text'],
  ['publicCode', 'text'],
  ['typeId', 'text'],
  ['typeVersion', 'int'],
  ['status', 'text'],
  ['priority', 'text'],
  ['source', 'text'],
  ['description', 'text'],
  ['answers', 'json'],
  ['address', 'text'],
  ['latitude', 'float'],
  ['longitude', 'float'],
  ['neighborhoodId', 'text'],
  ['departmentId', 'text'],
  ['dueAt', 'timestamp'],
  ['createdAt', 'timestamp'],
  ['updatedAt', 'timestamp'],
  ['acknowledgedAt', 'timestamp'],
  ['resolvedAt', 'timestamp'],
  ['closedAt', 'timestamp'],
  ['resolutionNote', 'text'],
  ['legacyId', 'text'],
  ['importRunId', 'text'],
];
const CONTACT_COLUMNS: Column[] = [
  ['requestId', 'text'],
  ['name', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['locale', 'text'],
  ['createdAt', 'timestamp'],
];
const EVENT_COLUMNS: Column[] = [
  ['id', 'text'],
  ['requestId', 'text'],
  ['kind', 'text'],
  ['public', 'bool'],
  ['fromStatus', 'text'],
  ['toStatus', 'text'],
  ['note', 'text'],
  ['imported', 'bool'],
  ['createdAt', 'timestamp'],
];

async function importBatch(runId: string, rows: PreparedRow[], total: number, locale: string): Promise<ImportProgress> {
  return transaction(async (tx) => {
    const present = await presentLegacyIds(
      tx,
      rows.map((r) => r.legacyId),
    );
    const fresh = rows.filter((r) => !present.has(r.legacyId));
    const codes = await freeCodes(tx, fresh.length);
    const now = new Date();
    const ids = fresh.map(() => newRowId());
    await bulkInsert(
      tx,
      'ServiceRequest',
      REQUEST_COLUMNS,
      fresh.map((r, i) => [
        ids[i],
        codes[i],
        r.type.id,
        r.type.currentVersion,
        r.status,
        r.priority,
        r.source,
        r.description,
        {},
        r.address,
        r.latitude,
        r.longitude,
        r.neighborhoodId,
        r.type.departmentId,
        new Date(r.createdAt.getTime() + r.type.targetHours * HOUR),
        r.createdAt,
        now,
        r.acknowledgedAt,
        r.resolvedAt,
        r.closedAt,
        r.resolutionNote,
        r.legacyId,
        runId,
      ]),
    );
    await bulkInsert(
      tx,
      'RequesterContact',
      CONTACT_COLUMNS,
      fresh.flatMap((r, i) => (r.contact ? [[ids[i], r.contact.name, r.contact.email, r.contact.phone, locale, now]] : [])),
    );
    await bulkInsert(
      tx,
      'RequestEvent',
      EVENT_COLUMNS,
      fresh.flatMap((r, i) =>
        timeline(r).map((e) => [newRowId(), ids[i], e.kind, true, e.fromStatus, e.toStatus, e.note, true, e.createdAt]),
      ),
    );
    // Guarded on the status: a run marked failed meanwhile (stalled) must not be written twice.
    const moved = await tx.importRun.updateMany({
      where: { id: runId, status: 'running' },
      data: {
        processed: { increment: rows.length },
        imported: { increment: fresh.length },
        alreadyPresent: { increment: present.size },
        total,
      },
    });
    if (!moved.count) throw new Error(`import run ${runId} is no longer running`);
    const progress = toProgress(await tx.importRun.findUniqueOrThrow({ where: { id: runId }, select: COUNTS }));
    await publishAfterCommit(tx, [{ room: `import:${runId}`, type: 'import.progress', payload: progress }]);
    return progress;
  });
}

/**
 * Completes a run: status, audit entry, the final progress event and one refresh per staff queue.
 * The file's text goes: only an unfinished run needs it (to resume), and a file of cases may be
 * megabytes of residents' contact details. The report, counts and mapping stay.
 */
async function finishRun(id: string): Promise<ImportProgress> {
  return transaction(async (tx) => {
    const r = await tx.importRun.update({
      where: { id },
      data: { status: 'completed', finishedAt: new Date(), fileText: '' },
      select: { ...COUNTS, createdById: true },
    });
    const progress = toProgress(r);
    await audit(tx, {
      actorId: r.createdById,
      action: 'import.complete',
      targetKind: 'import-run',
      targetId: id,
      after: { imported: r.imported, alreadyPresent: r.alreadyPresent, rejected: r.rejected },
    });
    const departments = await tx.serviceRequest.findMany({
      where: { importRunId: id },
      distinct: ['departmentId'],
      select: { departmentId: true },
    });
    const events: RealtimeEvent[] = [{ room: `import:${id}`, type: 'import.progress', payload: progress }];
    for (const d of departments) events.push({ room: `department:${d.departmentId}`, type: 'requests.imported', payload: { runId: id } });
    await publishAfterCommit(tx, events);
    return progress;
  });
}

/** The `imports.run` job: writes the run unless it is no longer running (e.g. marked failed meanwhile). */
export const importJob: JobHandler = {
  async run(payload, { signal }) {
    const id = String(payload.runId);
    const run = await db().importRun.findUnique({ where: { id }, select: { status: true } });
    if (run?.status !== 'running') return;
    await continueImportRun(id, { signal });
  },
  backoffMs: 5_000,
  async giveUp(payload) {
    await markRunsFailed([String(payload.runId)], 'admin:imports.failures.error');
  },
};

async function markRunsFailed(ids: string[], failure: string) {
  if (ids.length) await db().importRun.updateMany({ where: { id: { in: ids }, status: 'running' }, data: { status: 'failed', failure } });
}

/**
 * Running runs without a job to write them (left by a version of the server before the job
 * table, or by hand) are marked failed, to be resumed by an admin. Run at start-up.
 */
export async function failOrphanedRuns() {
  const live = new Set((await liveJobs(IMPORT_JOB)).map((p) => String(p.runId)));
  const running = await db().importRun.findMany({ where: { status: 'running' }, select: { id: true } });
  await markRunsFailed(
    running.map((r) => r.id).filter((id) => !live.has(id)),
    'admin:imports.failures.interrupted',
  );
}

export type { Problem };
