import type { Caller } from '~/lib/caller.server';
import { fail, ok, type Result } from '~/lib/result';
import { db, inChunks } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { dateIn, isIsoDate } from '~/lib/time';
import { splitMessage } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import { isLanguage, localized } from '~/lib/i18n';
import { getCity } from '~/modules/places/queries.server';
import { answersSchema } from '~/modules/surveys/answers';
import { parseFieldSet, type FieldDefinition, type FieldKind } from '~/modules/requests/catalog/schemas';
import { fileRequest } from '~/modules/requests/intake/file-request.server';
import { apiIntakeSchema } from '~/modules/requests/intake/intake-schemas';
import { isOpen } from '~/modules/requests/lifecycle';
import { PublicCodeSchema } from '~/modules/requests/public-code';
import { REQUEST_STATUSES, type RequestStatus, OPEN_STATUSES } from '~/modules/requests/values';
import { getIntakeType } from '~/modules/requests/intake/intake-queries.server';
import type { PublicFacts } from '~/modules/requests/policy';
import { PUBLISHED, PUBLISHED_SELECT, PUBLISHED_TYPE, publishAll, type PublishedRow } from '~/modules/requests/public/published.server';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the service-request catalog
 * and the requests themselves. What goes out is chosen field by field: never the requester's
 * contact details (a separate table nothing here reads), never answers, never internal notes,
 * and of each request only what its type's public visibility allows (full, summary or none:
 * app/modules/requests/policy.ts publicFacts). Filing goes through the web form's own validation and
 * `fileRequest` (source `open311`).
 */
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this implementation last changed what it serves (the discovery document's changeset). */
const CHANGESET = '2026-11-23T00:00:00Z';
const MAX_RESULTS = 1000;
const DEFAULT_WINDOW_DAYS = 90;

// Open311 knows two states: our open ones, and all the others (resolved, closed, declined, duplicate).
const OPEN: readonly RequestStatus[] = OPEN_STATUSES;
const CLOSED: readonly RequestStatus[] = REQUEST_STATUSES.filter((s) => !isOpen(s));
const open311Status = (status: string) => (isOpen(status) ? 'open' : 'closed');

/** The language of names and descriptions: `locale` if supported, else the city's default. */
export async function responseLocale(requested: string | null) {
  const lng = (requested ?? '').slice(0, 2).toLowerCase();
  if (isLanguage(lng)) return lng;
  return (await getCity()).defaultLocale;
}

export async function discovery() {
  const city = await getCity();
  const base = getEnv().PUBLIC_URL;
  return {
    changeset: CHANGESET,
    contact: `${city.name}: ${base}`,
    key_service: `API keys are issued by the city's administrators (${base}/admin/api-keys).`,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: `${base}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

export async function listServices(lng: string) {
  const types = await db().requestType.findMany({
    where: { active: true },
    select: { id: true, code: true, name: true, description: true, group: true, currentVersion: true },
    orderBy: { code: 'asc' },
  });
  const versions = types.length
    ? await db().requestTypeVersion.findMany({
        where: { OR: types.map((t) => ({ typeId: t.id, version: t.currentVersion })) },
        select: { typeId: true, fields: true },
      })
    : [];
  const withFields = new Set(versions.filter((v) => parseFieldSet(v.fields).length > 0).map((v) => v.typeId));
  const t = await fixedT(lng, ['requests']);
  return types.map((type) => ({
    service_code: type.code,
    service_name: localized(type.name, lng).text,
    description: localized(type.description, lng).text,
    metadata: withFields.has(type.id),
    type: 'realtime',
    keywords: [type.group, ...type.code.split('-')].join(', '),
    group: t(`requests:groups.${type.group}`, { defaultValue: type.group }),
  }));
}

const DATE_DESCRIPTION = 'a date, YYYY-MM-DD, or an ISO 8601 date-time (its day in the city is kept)';

const DATATYPES: Record<FieldKind, string> = {
  text: 'string',
  longText: 'text',
  number: 'number',
  yesNo: 'singlevaluelist',
  date: 'datetime',
  singleChoice: 'singlevaluelist',
  multipleChoice: 'multivaluelist',
};

export async function serviceDefinition(code: string, lng: string) {
  const type = await getIntakeType(serviceCode(code));
  if (!type) return fail.notFound(`service_code ${code} not found`);
  const t = await fixedT(lng, ['requests']);
  return ok({
    service_code: type.code,
    attributes: type.fields.map((field, i) => ({
      variable: true,
      code: field.key,
      datatype: DATATYPES[field.kind],
      required: field.required,
      datatype_description: field.hint ? localized(field.hint, lng).text : field.kind === 'date' ? DATE_DESCRIPTION : '',
      order: i + 1,
      description: localized(field.label, lng).text,
      values: attributeValues(field, lng, t),
    })),
  });
}

function attributeValues(field: FieldDefinition, lng: string, t: (key: string) => string) {
  if (field.kind === 'yesNo') {
    return [
      { key: 'true', name: t('requests:form.yes') },
      { key: 'false', name: t('requests:form.no') },
    ];
  }
  return (field.options ?? []).map((o) => ({ key: o.value, name: localized(o.label, lng).text }));
}

// ---------------------------------------------------------------------------------------------
// Filing

async function describeErrors(errors: Record<string, string[]>, lng: string, name: (field: string) => string) {
  const t = await fixedT(lng, ['forms', 'requests']);
  return Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((m) => {
      const [key, values] = splitMessage(m);
      return `${name(field)}: ${t(key, values ?? {})}`;
    }),
  );
}

const PARAM_NAMES: Record<string, string> = {
  description: 'description',
  address: 'address_string',
  addressId: 'address_id',
  latitude: 'lat',
  longitude: 'long',
  mediaUrl: 'media_url',
  contactName: 'first_name',
  contactEmail: 'email',
  contactPhone: 'phone',
};

/** Open311 service codes are compared without regard to case (ours are lower-case slugs). */
const serviceCode = (code: string) => code.trim().toLowerCase();

// An ISO 8601 / W3C date-time: the date, a time, and an optional offset (Z, +hh:mm or +hhmm).
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A `datetime` attribute's value as the date field stores it (YYYY-MM-DD). A full date-time is
 * the day it falls on in the city (with an offset), or the day it names (without one, a local
 * time); anything else is left for the field's validator to refuse.
 */
export function attributeDate(value: string, timeZone: string): string {
  const m = DATE_TIME.exec(value.trim());
  if (!m || !isIsoDate(m[1])) return value;
  if (!m[2]) return m[1];
  const offset = m[2].toUpperCase() === 'Z' ? 'Z' : m[2].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const instant = new Date(
    value
      .trim()
      .slice(0, value.trim().length - m[2].length)
      .replace(',', '.') + offset,
  );
  return Number.isNaN(instant.getTime()) ? value : dateIn(instant, timeZone);
}

function rawAttributes(params: URLSearchParams, fields: readonly FieldDefinition[], timeZone: string) {
  const raw: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'multipleChoice') {
      raw[field.key] = [...params.getAll(`attribute[${field.key}][]`), ...params.getAll(`attribute[${field.key}]`)];
      continue;
    }
    const value = params.get(`attribute[${field.key}]`) ?? undefined;
    raw[field.key] = field.kind === 'date' && value !== undefined ? attributeDate(value, timeZone) : value;
  }
  return raw;
}

const answered = (v: unknown) =>
  Array.isArray(v) ? v.some((x) => typeof x === 'string' && x.trim() !== '') : typeof v === 'string' && v.trim() !== '';

/**
 * POST requests: the parameters as posted (api_key already checked). A location is a position,
 * an `address_string` or an `address_id`; the description may be left out when an attribute or a
 * `media_url` is given (the specification's rule).
 */
export async function fileOpen311Request(caller: Caller, params: URLSearchParams, lng: string) {
  const code = params.get('service_code')?.trim();
  if (!code) return fail.invalid({}, 'service_code was not provided');
  const type = await getIntakeType(serviceCode(code));
  if (!type) return fail.notFound(`service_code ${code} not found`);
  const name = [params.get('first_name'), params.get('last_name')]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(' ');
  const raw: Record<string, unknown> = {
    description: params.get('description') ?? undefined,
    address: params.get('address_string') ?? undefined,
    addressId: params.get('address_id') ?? undefined,
    latitude: params.get('lat') ?? undefined,
    longitude: params.get('long') ?? undefined,
    mediaUrl: params.get('media_url') ?? undefined,
    contactName: name || undefined,
    contactEmail: params.get('email') ?? undefined,
    contactPhone: params.get('phone') ?? undefined,
  };
  const form = apiIntakeSchema().safeParse(raw);
  const errors: Record<string, string[]> = {};
  if (!form.success) for (const issue of form.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  const attributes = rawAttributes(params, type.fields, (await getCity()).timeZone);
  const answers = answersSchema(type.fields).safeParse(attributes);
  if (!answers.success)
    for (const issue of answers.error.issues) (errors[`attribute[${String(issue.path[0])}]`] ??= []).push(issue.message);
  const list = await describeErrors(errors, lng, (f) => PARAM_NAMES[f] ?? f);
  if (form.success) {
    const { latitude, address, addressId, description, mediaUrl } = form.data;
    if (type.locationRequired && latitude === undefined && !address && !addressId) {
      list.push('lat/long, address_string or address_id: a location is required for this service');
    }
    if (!description && !mediaUrl && !Object.values(attributes).some(answered)) {
      list.push('description: required when no attribute and no media_url is given');
    }
  }
  // Each problem is one entry of the answer's error list (open311/respond.server failureErrors).
  if (list.length || !form.success || !answers.success)
    return list.length ? fail.invalid({ '': list }) : fail.invalid({}, 'invalid request');
  // Filed for nobody: an API client is never the requester (`anonymous`), whoever holds the key.
  const filed = await fileRequest(caller, {
    type,
    version: type.currentVersion,
    form: { ...form.data, anonymous: true },
    answers: answers.data,
    photos: [],
    locale: lng,
    source: 'open311',
  });
  if (!filed.ok) return filed;
  return ok([{ service_request_id: filed.value.code, service_notice: '', account_id: '' }]);
}

// ---------------------------------------------------------------------------------------------
// Reading requests

/**
 * The answer's items, each as its type's public visibility allows (the shared read of published
 * requests: requests/public/published.server).
 */
async function presentAll(rows: PublishedRow[], lng: string) {
  return (await publishAll(rows, lng)).map((p) => present(p.row, p, p.facts));
}

function present(row: PublishedRow, names: { type: { code: string; name: string }; agency: string }, facts: PublicFacts) {
  return {
    service_request_id: row.publicCode,
    status: open311Status(row.status),
    status_notes: facts.note ?? '',
    service_name: names.type.name,
    service_code: names.type.code,
    description: facts.description,
    agency_responsible: names.agency,
    service_notice: '',
    requested_datetime: row.createdAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.dueAt.toISOString(),
    address: facts.address ?? '',
    address_id: facts.addressId ?? '',
    zipcode: '',
    lat: facts.latitude,
    long: facts.longitude,
    media_url: facts.mediaUrl ?? '',
  };
}

const list = (v: string | null) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A date parameter: absent (null), a date, or the refusal the error list words. */
function dateParam(name: string, value: string | null): Result<Date | null> {
  if (!value) return ok(null);
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    return fail.invalid({}, `${name} must be a W3C date-time, e.g. 2026-01-31T09:00:00Z`);
  return ok(date);
}

type Presented = Awaited<ReturnType<typeof presentAll>>;

/** GET requests: by ids, or searched by status, dates and service codes (a bad parameter: invalid). */
export async function searchRequests(params: URLSearchParams, lng: string): Promise<Result<Presented>> {
  const ids = list(params.get('service_request_id'));
  if (ids.length) {
    // "If this parameter is provided, all other parameters are ignored."
    if (ids.length > MAX_RESULTS) return fail.invalid({}, `at most ${MAX_RESULTS} service_request_id values`);
    const codes = ids.map((id) => PublicCodeSchema.safeParse(id)).flatMap((r) => (r.success ? [r.data] : []));
    const rows = await inChunks(codes, (part) =>
      db().serviceRequest.findMany({ where: { publicCode: { in: part }, ...PUBLISHED }, select: PUBLISHED_SELECT }),
    );
    // Newest first, like the search below.
    rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return ok(await presentAll(rows, lng));
  }
  const statuses = list(params.get('status')).map((s) => s.toLowerCase());
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) return fail.invalid({}, 'status must be open or closed');
  const wanted = new Set(statuses);
  const status = wanted.size === 1 ? (wanted.has('open') ? OPEN : CLOSED) : null;
  const startParam = dateParam('start_date', params.get('start_date'));
  if (!startParam.ok) return startParam;
  const endParam = dateParam('end_date', params.get('end_date'));
  if (!endParam.ok) return endParam;
  const [start, end] = [startParam.value, endParam.value];
  const DAY = 24 * 60 * 60 * 1000;
  const to = end ?? (start ? new Date(start.getTime() + DEFAULT_WINDOW_DAYS * DAY) : new Date());
  const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY);
  if (from > to) return fail.invalid({}, 'start_date must be before end_date');
  const serviceCodes = list(params.get('service_code')).map((c) => c.toLowerCase());
  const rows = await db().serviceRequest.findMany({
    where: {
      createdAt: { gte: from, lte: to },
      ...(status ? { status: { in: [...status] } } : {}),
      type: { ...PUBLISHED_TYPE, ...(serviceCodes.length ? { code: { in: serviceCodes } } : {}) },
    },
    select: PUBLISHED_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: MAX_RESULTS,
  });
  return ok(await presentAll(rows, lng));
}

/** GET requests/{id}: one published request (any other: notFound). */
export async function getOpen311Request(id: string, lng: string): Promise<Result<Presented>> {
  const code = PublicCodeSchema.safeParse(id);
  const row = code.success
    ? await db().serviceRequest.findFirst({ where: { publicCode: code.data, ...PUBLISHED }, select: PUBLISHED_SELECT })
    : null;
  if (!row) return fail.notFound(`service_request_id ${id.slice(0, 40)} not found`);
  return ok(await presentAll([row], lng));
}

/**
 * tokens/{token}: POST requests answers with the service_request_id at once, so the only tokens
 * a client holds are those ids; looking one up confirms it.
 */
export async function lookupToken(token: string): Promise<Result<{ service_request_id: string; token: string }[]>> {
  const code = PublicCodeSchema.safeParse(token);
  const row = code.success
    ? await db().serviceRequest.findUnique({ where: { publicCode: code.data }, select: { publicCode: true } })
    : null;
  if (!row) return fail.notFound(`token ${token.slice(0, 40)} not found`);
  return ok([{ service_request_id: row.publicCode, token: row.publicCode }]);
}
