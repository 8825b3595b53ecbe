import { db } from '~/lib/db.server';
import { parseCsv } from './csv.server';
import type { RunStatus } from './fields';
import { unknownTypeValues, type Problem } from './rows';
import { importContext, storedMapping } from './runs.server';

/** Reads of legacy import runs shaped for the admin pages (the file's text is never sent). */
export async function listImportRuns(take = 50) {
  const runs = await db().importRun.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      status: true,
      via: true,
      fileName: true,
      total: true,
      imported: true,
      alreadyPresent: true,
      rejected: true,
      createdAt: true,
      createdBy: { select: { displayName: true } },
    },
  });
  return runs.map((r) => ({
    ...r,
    status: r.status as RunStatus,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy?.displayName ?? null,
  }));
}

/** How many report rows the page shows (the CSV has them all). */
const REPORT_ON_PAGE = 200;

/** One run for its page: counts, mapping, the report's first rows, and for the mapping step the type values no type matches. */
export async function getImportRun(id: string) {
  const run = await db().importRun.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      via: true,
      fileName: true,
      headers: true,
      mapping: true,
      typeMap: true,
      total: true,
      processed: true,
      imported: true,
      alreadyPresent: true,
      rejected: true,
      report: true,
      failure: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      createdBy: { select: { displayName: true } },
    },
  });
  if (!run) return null;
  const mapping = storedMapping(run);
  const headers = run.headers as string[];
  const report = run.report as Problem[];
  let unknownTypes: { value: string; rows: number }[] = [];
  let types: { code: string; name: Record<string, string> }[] = [];
  const editable = run.status === 'draft' || run.status === 'validated';
  if (editable) {
    const [file, context] = await Promise.all([
      db().importRun.findUniqueOrThrow({ where: { id }, select: { fileText: true } }),
      importContext(),
    ]);
    const parsed = parseCsv(file.fileText);
    if (parsed.ok) unknownTypes = unknownTypeValues(parsed.file.rows, headers, mapping, context.types);
    types = context.types.map((t) => ({ code: t.code, name: t.name })).sort((a, b) => a.code.localeCompare(b.code));
  }
  return {
    id: run.id,
    status: run.status as RunStatus,
    via: run.via,
    fileName: run.fileName,
    headers,
    mapping,
    editable,
    total: run.total,
    processed: run.processed,
    imported: run.imported,
    alreadyPresent: run.alreadyPresent,
    rejected: run.rejected,
    failure: run.failure,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    createdBy: run.createdBy?.displayName ?? null,
    reportCount: report.length,
    report: report.slice(0, REPORT_ON_PAGE),
    unknownTypes,
    types,
  };
}

/** Every report row of a run, for the CSV download; null when the run does not exist. */
export async function importReport(id: string) {
  const run = await db().importRun.findUnique({ where: { id }, select: { fileName: true, report: true } });
  return run && { fileName: run.fileName, report: run.report as Problem[] };
}
