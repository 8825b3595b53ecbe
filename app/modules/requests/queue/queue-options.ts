import type { RequestPriority } from '../catalog-schemas';

/**
 * The staff queue's choices, shared by the queue (server) and its page (browser): they must not
 * live in a `.server` module, which the browser bundle replaces with an empty one.
 */
/** Priorities from the most urgent: the filter's order and the "priority" sort. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const satisfies readonly RequestPriority[];
export const QUEUE_SORTS = ['newest', 'oldest', 'due', 'priority'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
