import { z } from 'zod';
import { msg } from '~/lib/forms';
import type { LocalizedText } from '~/lib/i18n';
import { wallTimeIn } from '~/lib/time';
import { requestLocation } from '../location';
import {
  aliasKey,
  foldKey,
  mappedType,
  IMPORT_FIELDS,
  PRIORITY_ALIASES,
  SOURCE_ALIASES,
  STATUS_ALIASES,
  type DateOrder,
  type ImportField,
  type ImportMapping,
} from './fields';
import { isOpen } from '~/modules/requests/lifecycle';

/**
 * Per-row validation of a legacy file (zod): each data row becomes either a request ready to
 * write or a list of problems (row, field, problem). Problems are i18n keys in the forms' format
 * (`key|{values}`), so the page and the CSV report read them in the reader's language.
 */
export type ImportType = {
  id: string;
  code: string;
  name: LocalizedText;
  departmentId: string;
  currentVersion: number;
  defaultPriority: string;
  targetHours: number;
};
export type ImportNeighborhood = { id: string; slug: string; name: LocalizedText };
export type ImportContext = { types: ImportType[]; neighborhoods: ImportNeighborhood[]; timeZone: string; locale: string; now: Date };

export type Problem = { row: number; field: ImportField | 'file'; problem: string; value?: string };
export type PreparedRow = {
  row: number;
  legacyId: string;
  type: ImportType;
  status: string;
  priority: string;
  source: string;
  description: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  neighborhoodId: string | null;
  resolutionNote: string | null;
  contact: { name: string | null; email: string | null; phone: string | null } | null;
};

const P = (key: string, values?: Record<string, unknown>) => msg(`admin:imports.problems.${key}`, values);
/** Contact details stay out of the report (it is downloaded and passed around). */
const PRIVATE_FIELDS = new Set<string>(['contactName', 'contactEmail', 'contactPhone']);

/** The first data row is row 2: the header is row 1, as a spreadsheet numbers them. */
const rowNumber = (index: number) => index + 2;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASH = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;

/**
 * A legacy timestamp: ISO 8601 (with or without a time or an offset) or a slash date in the
 * chosen order, with an optional time (24 h or am/pm). Without an offset it is a wall-clock time
 * in the city's zone. Null when it is not a real date.
 */
function parseLegacyDate(value: string, timeZone: string, order: DateOrder): Date | null {
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    s = 0;
  let offset: string | undefined;
  const iso = ISO.exec(value);
  const slash = iso ? null : SLASH.exec(value);
  if (iso) {
    [y, mo, d] = [+iso[1], +iso[2], +iso[3]];
    [h, mi, s] = [+(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0)];
    offset = iso[7];
  } else if (slash) {
    [d, mo] = order === 'dmy' ? [+slash[1], +slash[2]] : [+slash[2], +slash[1]];
    y = +slash[3];
    [h, mi, s] = [+(slash[4] ?? 0), +(slash[5] ?? 0), +(slash[6] ?? 0)];
    const half = slash[7]?.toLowerCase()[0];
    if (half) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (half === 'p' ? 12 : 0);
    }
  } else return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || y < 1900) return null;
  if (!offset) return wallTimeIn({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, timeZone);
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (offset.toUpperCase() === 'Z') return new Date(utc);
  const m = /([+-])(\d{2}):?(\d{2})/.exec(offset)!;
  const minutes = (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
  return new Date(utc - minutes * 60_000);
}

/** Trimmed text; blank counts as missing. */
const cell = z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), z.string().optional());
const required = (max: number) => cell.pipe(z.string({ required_error: msg('forms:required') }).max(max));
const optional = (max: number) => cell.pipe(z.string().max(max).optional());

function aliased(table: ReadonlyMap<string, string>, problem: string) {
  return optional(100).transform((v, ctx) => {
    if (v === undefined) return undefined;
    const known = table.get(aliasKey(v));
    if (!known) ctx.addIssue({ code: z.ZodIssueCode.custom, message: P(problem) });
    return known;
  });
}

function coordinate(min: number, max: number) {
  return optional(40).transform((v, ctx) => {
    if (v === undefined) return undefined;
    const n = Number(v.replace(',', '.'));
    if (!Number.isFinite(n) || n < min || n > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('coordinate', { min, max }) });
    return n;
  });
}

function rowSchema(context: ImportContext, mapping: ImportMapping) {
  const date = optional(40).transform((v, ctx) => {
    if (v === undefined) return undefined;
    const parsed = parseLegacyDate(v, context.timeZone, mapping.dateOrder);
    if (!parsed) ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('date') });
    else if (parsed > context.now) ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('futureDate') });
    return parsed ?? undefined;
  });
  const types = typeResolver(context.types, mapping.types);
  const neighborhoods = neighborhoodResolver(context.neighborhoods);
  return z
    .object({
      legacyId: required(100),
      type: required(200).transform((v, ctx) => {
        const found = types(v);
        if (found === 'rejected') ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('typeRejected') });
        else if (!found) ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('unknownType') });
        return found === 'rejected' ? undefined : found;
      }),
      description: required(4000),
      status: aliased(STATUS_ALIASES, 'status'),
      priority: aliased(PRIORITY_ALIASES, 'priority'),
      source: aliased(SOURCE_ALIASES, 'source'),
      createdAt: cell.pipe(z.string({ required_error: msg('forms:required') })).pipe(date),
      acknowledgedAt: date,
      resolvedAt: date,
      closedAt: date,
      address: optional(300),
      latitude: coordinate(-90, 90),
      longitude: coordinate(-180, 180),
      neighborhood: optional(200).transform((v, ctx) => {
        if (v === undefined) return undefined;
        const id = neighborhoods(v);
        if (!id) ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('neighborhood') });
        return id;
      }),
      resolutionNote: optional(2000),
      contactName: optional(100),
      contactEmail: cell.pipe(z.string().toLowerCase().max(254).email().optional()),
      contactPhone: cell.pipe(
        z
          .string()
          .max(40)
          .regex(/^\+?[0-9 ().\-/x]{5,40}$/i, msg('requests:errors.phone'))
          .optional(),
      ),
    })
    .superRefine((r, ctx) => {
      const issue = (field: ImportField, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
      if ((r.latitude === undefined) !== (r.longitude === undefined))
        issue(r.latitude === undefined ? 'latitude' : 'longitude', msg('requests:errors.bothCoordinates'));
      for (const field of ['acknowledgedAt', 'resolvedAt', 'closedAt'] as const) {
        if (r.createdAt && r[field] && r[field]! < r.createdAt) issue(field, P('beforeCreated'));
      }
      const status = r.status ?? derivedStatus(r);
      // The final status must agree with the timestamps reports compute turnaround from.
      if (
        (isOpen(status) && (r.resolvedAt || r.closedAt)) ||
        (status === 'resolved' && r.closedAt) ||
        (status === 'new' && r.acknowledgedAt)
      )
        issue('status', P('statusDates'));
    });
}

/** A file without a status column: the latest timestamp tells where the case ended. */
function derivedStatus(r: { acknowledgedAt?: Date; resolvedAt?: Date; closedAt?: Date }): string {
  if (r.closedAt) return 'closed';
  if (r.resolvedAt) return 'resolved';
  if (r.acknowledgedAt) return 'acknowledged';
  return 'new';
}

/** A type value → our type: the admin's mapping first, else by code or English or Spanish name (case, accents, spaces and punctuation ignored). */
function typeResolver(types: ImportType[], typeMap: Record<string, string>) {
  const byKey = new Map<string, ImportType>();
  for (const t of types) {
    byKey.set(foldKey(t.code), t);
    for (const name of Object.values(t.name)) if (name) byKey.set(foldKey(name), t);
  }
  const byCode = new Map(types.map((t) => [t.code, t]));
  return (value: string): ImportType | 'rejected' | null => {
    const mapped = mappedType(typeMap, value.trim());
    if (mapped !== undefined) return mapped === '' ? 'rejected' : (byCode.get(mapped) ?? null);
    return byKey.get(foldKey(value)) ?? null;
  };
}

function neighborhoodResolver(neighborhoods: ImportNeighborhood[]) {
  const byKey = new Map<string, string>();
  for (const n of neighborhoods) {
    byKey.set(foldKey(n.slug), n.id);
    for (const name of Object.values(n.name)) if (name) byKey.set(foldKey(name), n.id);
  }
  return (value: string) => byKey.get(foldKey(value));
}

/** The type values of the file that match none of our types by code or name, with their row counts. */
export function unknownTypeValues(
  rows: string[][],
  headers: string[],
  mapping: ImportMapping,
  types: ImportType[],
): { value: string; rows: number }[] {
  const column = mapping.columns.type ? headers.indexOf(mapping.columns.type) : -1;
  if (column < 0) return [];
  const resolve = typeResolver(types, {});
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = (row[column] ?? '').trim();
    if (value && !resolve(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([value, n]) => ({ value, rows: n })).sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
}

/**
 * Validates every data row. A legacy id seen earlier in the file rejects the later rows (the
 * first one stands); a row with any problem is left out entirely.
 */
export function validateRows(
  rows: string[][],
  headers: string[],
  mapping: ImportMapping,
  context: ImportContext,
): { valid: PreparedRow[]; problems: Problem[]; rejected: number } {
  const schema = rowSchema(context, mapping);
  const columns = IMPORT_FIELDS.map((field) => [field, mapping.columns[field] ? headers.indexOf(mapping.columns[field]!) : -1] as const);
  const valid: PreparedRow[] = [];
  const problems: Problem[] = [];
  const firstRowOf = new Map<string, number>();
  let rejected = 0;
  rows.forEach((cells, index) => {
    const row = rowNumber(index);
    const raw: Record<string, string | undefined> = {};
    for (const [field, column] of columns) raw[field] = column >= 0 ? cells[column] : undefined;
    const found: Problem[] = [];
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = (issue.path[0] as ImportField | undefined) ?? 'file';
        const value = raw[field]?.trim();
        found.push({ row, field, problem: issue.message, ...(value && !PRIVATE_FIELDS.has(field) ? { value: value.slice(0, 100) } : {}) });
      }
    }
    const legacyId = raw.legacyId?.trim();
    if (legacyId) {
      const first = firstRowOf.get(legacyId);
      if (first !== undefined)
        found.push({ row, field: 'legacyId', problem: P('duplicateInFile', { row: first }), value: legacyId.slice(0, 100) });
      else firstRowOf.set(legacyId, row);
    }
    if (found.length || !parsed.success) {
      problems.push(...found);
      rejected++;
      return;
    }
    const r = parsed.data;
    const type = r.type!;
    const contact =
      r.contactName || r.contactEmail || r.contactPhone
        ? { name: r.contactName ?? null, email: r.contactEmail ?? null, phone: r.contactPhone ?? null }
        : null;
    valid.push({
      row,
      legacyId: r.legacyId,
      type,
      status: r.status ?? derivedStatus(r),
      priority: r.priority ?? type.defaultPriority,
      source: r.source ?? 'import',
      description: r.description,
      createdAt: r.createdAt!,
      acknowledgedAt: r.acknowledgedAt ?? null,
      resolvedAt: r.resolvedAt ?? null,
      closedAt: r.closedAt ?? null,
      ...requestLocation(r),
      neighborhoodId: r.neighborhood ?? null,
      resolutionNote: r.resolutionNote ?? null,
      contact,
    });
  });
  return { valid, problems, rejected };
}
