import { z } from 'zod';
import { foldText } from '~/lib/text';

/**
 * The legacy import's vocabulary (pure, shared by the admin page, the CLI and the server): our
 * fields a CSV column can be mapped to, automatic guesses from the file's headers, the legacy
 * spellings of statuses, priorities and sources we accept, and the mapping's shape.
 * docs/decisions/0015-legacy-import.md
 */
export const IMPORT_FIELDS = [
  'legacyId',
  'type',
  'description',
  'status',
  'priority',
  'source',
  'createdAt',
  'acknowledgedAt',
  'resolvedAt',
  'closedAt',
  'address',
  'latitude',
  'longitude',
  'neighborhood',
  'resolutionNote',
  'contactName',
  'contactEmail',
  'contactPhone',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A file without a column for these cannot be imported. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['legacyId', 'type', 'description', 'createdAt'];

/** Header spellings seen in legacy exports (folded: lower case, no accents, letters and digits only). */
const HEADER_GUESSES: Record<ImportField, string[]> = {
  legacyId: [
    'legacyid',
    'id',
    'caseid',
    'casenumber',
    'caseno',
    'case',
    'ticket',
    'ticketid',
    'requestid',
    'srnumber',
    'servicerequestid',
    'numero',
    'numerodecaso',
    'caso',
    'folio',
  ],
  type: ['type', 'requesttype', 'category', 'servicetype', 'service', 'servicecode', 'problem', 'tipo', 'categoria', 'tipodesolicitud'],
  description: ['description', 'details', 'detail', 'comments', 'summary', 'descripcion', 'detalle', 'detalles'],
  status: ['status', 'state', 'estado', 'estatus'],
  priority: ['priority', 'urgency', 'prioridad'],
  source: ['source', 'channel', 'origin', 'intake', 'receivedvia', 'method', 'origen', 'canal', 'fuente', 'medio'],
  createdAt: [
    'created',
    'createdat',
    'opened',
    'openedat',
    'datecreated',
    'dateopened',
    'received',
    'receivedat',
    'reported',
    'reportedat',
    'requesteddatetime',
    'creado',
    'fechadecreacion',
    'fechacreacion',
    'fecha',
    'recibido',
  ],
  acknowledgedAt: ['acknowledged', 'acknowledgedat', 'dateacknowledged', 'acuse', 'fechadeacuse', 'reconocido', 'atendido'],
  resolvedAt: ['resolved', 'resolvedat', 'dateresolved', 'completed', 'completedat', 'resuelto', 'fechaderesolucion', 'fecharesolucion'],
  closedAt: ['closed', 'closedat', 'dateclosed', 'cerrado', 'fechadecierre', 'fechacierre'],
  address: ['address', 'location', 'streetaddress', 'direccion', 'ubicacion', 'domicilio'],
  latitude: ['lat', 'latitude', 'latitud'],
  longitude: ['lon', 'lng', 'long', 'longitude', 'longitud'],
  neighborhood: ['neighborhood', 'neighbourhood', 'district', 'area', 'barrio', 'colonia', 'vecindario'],
  resolutionNote: ['resolution', 'resolutionnote', 'outcome', 'resolucion', 'notaderesolucion'],
  contactName: ['name', 'contactname', 'caller', 'callername', 'requester', 'requestername', 'nombre', 'contacto', 'solicitante'],
  contactEmail: ['email', 'contactemail', 'calleremail', 'requesteremail', 'correo', 'correoelectronico'],
  contactPhone: ['phone', 'contactphone', 'telephone', 'tel', 'callerphone', 'requesterphone', 'telefono'],
};

export function foldKey(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}

export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Our field → the file's header that most likely holds it (each header used once). */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const header = headers.find((h) => !used.has(h) && (foldKey(h) === foldKey(field) || HEADER_GUESSES[field].includes(foldKey(h))));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/**
 * A table of spellings read from files: a Map, so a cell such as `constructor` or `__proto__`
 * is just an unknown value, never a lookup on Object.prototype.
 */
const aliases = (table: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(table));

/** The admin's choice for a type value of the file (an own key only: file text is no property name). */
export function mappedType(types: Readonly<Record<string, string>>, value: string): string | undefined {
  return Object.hasOwn(types, value) ? types[value] : undefined;
}

/** Legacy spellings (folded, words joined by "_") → our status. */
export const STATUS_ALIASES: ReadonlyMap<string, string> = aliases({
  new: 'new',
  open: 'new',
  opened: 'new',
  pending: 'new',
  received: 'new',
  submitted: 'new',
  nuevo: 'new',
  abierto: 'new',
  pendiente: 'new',
  acknowledged: 'acknowledged',
  ack: 'acknowledged',
  reviewed: 'acknowledged',
  reconocido: 'acknowledged',
  revisado: 'acknowledged',
  in_progress: 'in_progress',
  inprogress: 'in_progress',
  assigned: 'in_progress',
  working: 'in_progress',
  en_proceso: 'in_progress',
  en_progreso: 'in_progress',
  asignado: 'in_progress',
  resolved: 'resolved',
  completed: 'resolved',
  done: 'resolved',
  fixed: 'resolved',
  resuelto: 'resolved',
  completado: 'resolved',
  closed: 'closed',
  cerrado: 'closed',
  duplicate: 'duplicate',
  duplicado: 'duplicate',
  declined: 'declined',
  rejected: 'declined',
  cancelled: 'declined',
  canceled: 'declined',
  rechazado: 'declined',
  cancelado: 'declined',
});

export const PRIORITY_ALIASES: ReadonlyMap<string, string> = aliases({
  low: 'low',
  baja: 'low',
  bajo: 'low',
  normal: 'normal',
  medium: 'normal',
  routine: 'normal',
  media: 'normal',
  medio: 'normal',
  high: 'high',
  alta: 'high',
  alto: 'high',
  urgent: 'urgent',
  emergency: 'urgent',
  urgente: 'urgent',
  emergencia: 'urgent',
});

export const SOURCE_ALIASES: ReadonlyMap<string, string> = aliases({
  web: 'web',
  online: 'web',
  citizen_online: 'web',
  internet: 'web',
  website: 'web',
  portal: 'web',
  app: 'web',
  en_linea: 'web',
  phone: 'phone',
  telephone: 'phone',
  call: 'phone',
  phone_call: 'phone',
  telefono: 'phone',
  llamada: 'phone',
  walk_in: 'walk_in',
  walkin: 'walk_in',
  in_person: 'walk_in',
  counter: 'walk_in',
  en_persona: 'walk_in',
  presencial: 'walk_in',
  ventanilla: 'walk_in',
  email: 'email',
  e_mail: 'email',
  correo_electronico: 'email',
  mail: 'mail',
  us_mail: 'mail',
  letter: 'mail',
  post: 'mail',
  carta: 'mail',
  correo_postal: 'mail',
  correo: 'mail',
  fax: 'fax',
  voicemail: 'voicemail',
  voice_mail: 'voicemail',
  buzon_de_voz: 'voicemail',
  mensaje_de_voz: 'voicemail',
  meeting: 'meeting',
  reunion: 'meeting',
  junta: 'meeting',
  forum: 'forum',
  foro: 'forum',
  open311: 'open311',
  import: 'import',
});

/** "In Progress", "in-progress", "EN PROCESO" → "in_progress", "en_proceso". */
export function aliasKey(value: string): string {
  return foldText(value)
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** How slash dates (3/4/2021) read: month first (US) or day first. ISO dates need no choice. */
export const DATE_ORDERS = ['mdy', 'dmy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** Rows validated and written per transaction. */
export const IMPORT_BATCH = 500;
/** Largest file accepted (about 30,000 typical rows). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The mapping step's answer: columns, the slash-date order and each unknown type value's fate. */
export const MappingSchema = z.object({
  columns: z.record(z.enum(IMPORT_FIELDS), z.string().max(200)),
  dateOrder: z.enum(DATE_ORDERS).default('mdy'),
  /** A type value found in the file → one of our type codes, or "" to reject its rows. */
  types: z.record(z.string().max(200), z.string().max(100)).default({}),
});
export type ImportMapping = z.infer<typeof MappingSchema>;

export const RUN_STATUSES = ['draft', 'validated', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One or many values (Conform reads a repeated name as a list); an empty one (which Conform reads as missing) is "". */
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(200).default('')).max(1000));

/**
 * The upload form (admin page): the file itself is read apart (readSubmissionWithFiles), never
 * echoed; the field is in the schema so its errors show next to it.
 */
export const UploadFormSchema = z.object({ file: z.unknown().optional() });

/**
 * The mapping form (admin page): a column per field (`col.<field>`, empty = not in the file), the
 * slash-date order, and the unknown type values with their chosen type (`typeValue`/`typeTarget`
 * lists in the same order; an empty target rejects the value's rows).
 */
export const MappingFormSchema = z
  .object({
    intent: z.enum(['validate', 'import', 'resume']),
    dateOrder: z.enum(DATE_ORDERS).default('mdy'),
    typeValue: list,
    typeTarget: list,
    col: z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().max(200).optional()]))).default({}),
  })
  .transform((form): { intent: 'validate' | 'import' | 'resume'; mapping: ImportMapping } => {
    const chosen = form.col as Record<string, string | undefined>;
    const columns: ImportMapping['columns'] = {};
    for (const field of IMPORT_FIELDS) if (chosen[field]) columns[field] = chosen[field];
    // fromEntries defines own keys: a value named `__proto__` stays a value.
    const types: Record<string, string> = Object.fromEntries(form.typeValue.map((value, i) => [value, form.typeTarget[i] ?? '']));
    return { intent: form.intent, mapping: { columns, dateOrder: form.dateOrder, types } };
  });
