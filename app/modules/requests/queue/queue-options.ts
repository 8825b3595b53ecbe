import { z } from 'zod';
import { PRIORITIES_BY_URGENCY as PRIORITIES, REQUEST_SOURCES, REQUEST_STATUSES } from '../values';

/**
 * The staff queue's sorts and filter, shared by the queue (server) and its page (browser): they must not
 * live in a `.server` module, which the browser bundle replaces with an empty one. The priorities'
 * order is PRIORITIES_BY_URGENCY in ../values.ts.
 */
export const QUEUE_SORTS = ['newest', 'oldest', 'due', 'priority'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const one = (max = 40) => z.preprocess((v) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v), z.string().max(max).optional());
const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)).max(values.length * 2));

/** The queue's filter (GET parameters), read by the queue and shown by its filter form. */
export const QueueFilterSchema = z.object({
  department: one(),
  type: one(),
  status: many(REQUEST_STATUSES),
  priority: z.preprocess((v) => (v === '' ? undefined : v), z.enum(PRIORITIES).optional()),
  neighborhood: one(),
  source: z.preprocess((v) => (v === '' ? undefined : v), z.enum(REQUEST_SOURCES).optional()),
  assignee: one(),
  overdue: z.preprocess((v) => v === '1' || v === 'on' || v === 'true', z.boolean()),
  sort: z.preprocess((v) => (v === '' || v === undefined ? 'newest' : v), z.enum(QUEUE_SORTS)),
  after: one(),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

/** The queue with no parameters: every open request of the reader's departments (home's count too). */
export const OPEN_QUEUE: QueueFilter = QueueFilterSchema.parse({});
