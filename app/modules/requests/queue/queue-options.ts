/**
 * The staff queue's sorts, shared by the queue (server) and its page (browser): they must not live
 * in a `.server` module, which the browser bundle replaces with an empty one. The priorities'
 * order is PRIORITIES_BY_URGENCY in ../values.ts.
 */
export const QUEUE_SORTS = ['newest', 'oldest', 'due', 'priority'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
