/**
 * A service request's typed values, in one place (shared by browser and server): the lifecycle,
 * the queue's filters and options, the forms, the legacy import and Open311's mapping all take
 * their lists and types from here. Labels live in locales/<lng>/requests.json.
 */

/** Lifecycle states (see lifecycle.ts for the moves between them). */
export const REQUEST_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed', 'duplicate', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The states a request is still being worked in. */
export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress'] as const satisfies readonly RequestStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** The states staff may move a request to (never back to "new"). */
export const TARGET_STATUSES = [
  'acknowledged',
  'in_progress',
  'resolved',
  'closed',
  'duplicate',
  'declined',
] as const satisfies readonly RequestStatus[];

/** Priorities, from the least urgent (the catalog's order). */
export const REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

/** Priorities from the most urgent: the queue filter's order and its "priority" sort. */
export const PRIORITIES_BY_URGENCY = ['urgent', 'high', 'normal', 'low'] as const satisfies readonly RequestPriority[];

/** The ways a request reaches staff, who record it (phone, counter, post...). */
const RECORDED_SOURCES = ['phone', 'walk_in', 'email', 'mail', 'fax', 'voicemail', 'meeting'] as const;

/** Where a request came from. */
export const REQUEST_SOURCES = ['web', ...RECORDED_SOURCES, 'forum', 'open311', 'import'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** Where staff may say a request they record came from (imports are recorded by the importer). */
export const STAFF_SOURCES = [...RECORDED_SOURCES, 'web', 'forum', 'open311'] as const satisfies readonly RequestSource[];
export type StaffSource = (typeof STAFF_SOURCES)[number];

/** The kinds of a request's timeline entries (RequestEvent.kind). */
export const REQUEST_EVENT_KINDS = ['created', 'status', 'note', 'assignment', 'duplicate', 'link', 'unlink'] as const;
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number];

/** What the public sees of a request of a type (policy.ts: publicFacts). */
export const PUBLIC_VISIBILITIES = ['full', 'summary', 'none'] as const;
export type PublicVisibility = (typeof PUBLIC_VISIBILITIES)[number];
/** For types created without a choice, and for any stored value we do not know. */
export const DEFAULT_VISIBILITY: PublicVisibility = 'summary';

/** The courtesy follow-up's answers to "how were you treated". */
export const COURTESY_ANSWERS = ['courteous', 'discourteous', 'other'] as const;
export type CourtesyAnswer = (typeof COURTESY_ANSWERS)[number];

/** Who gave a follow-up answer: the requester on the web, or staff typing in a phone answer. */
export const FOLLOW_UP_CHANNELS = ['web', 'staff'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

/** Where a request's follow-up stands for the person opening its form. */
export const FOLLOW_UP_STATES = ['open', 'answered', 'expired', 'unavailable'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** Is this stored string one of these values? (the database stores them as text) */
export function isOneOf<const T extends readonly string[]>(values: T, value: string): value is T[number] {
  return (values as readonly string[]).includes(value);
}
