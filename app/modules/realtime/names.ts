/**
 * The names realtime speaks, typed once and shared by the server (publish.server.ts,
 * socket.server.ts, rooms.server.ts) and the browser (client.ts, use-live.ts): event types,
 * room names and the socket's own messages. A new event or room is added here first.
 */

/** What happened: the `type` of an Event row and of the event a socket receives. */
export const EVENT_TYPES = [
  // forum
  'thread.created',
  'thread.deleted',
  'thread.moderated',
  'post.created',
  'post.updated',
  'post.deleted',
  'post.moderated',
  'reaction.changed',
  'poll.changed',
  'queue.changed',
  // people
  'notification.created',
  'notification.read',
  'session.ended',
  'access.changed',
  'roles.changed',
  // service requests
  'request.created',
  'request.updated',
  'request.linked',
  'import.progress',
  'requests.imported',
  // surveys
  'survey.results',
  // block watch
  'alert.sent',
  // participatory budgets
  'budget.phase',
  'budget.proposal',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Rooms are `<kind>:<id>`: user, channel, thread, moderation (a channel's queue), department,
 * request, import, survey, group (a block-watch group's members), meeting. Who may join which is decided
 * in rooms.server.ts.
 */
const ROOM_KINDS = [
  'user',
  'channel',
  'thread',
  'moderation',
  'department',
  'request',
  'import',
  'survey',
  'group',
  'meeting',
  'budget',
] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export type RoomName<K extends RoomKind = RoomKind> = `${K}:${string}`;

/** The room of one thing: `roomOf('thread', id)` is `thread:<id>`. */
export function roomOf<K extends RoomKind>(kind: K, id: string): RoomName<K> {
  return `${kind}:${id}`;
}

/** A room name taken apart, or null for one that names no known kind (refused). */
export function parseRoom(name: string): { kind: RoomKind; id: string } | null {
  const colon = name.indexOf(':');
  const kind = name.slice(0, colon) as RoomKind;
  const id = name.slice(colon + 1);
  return colon > 0 && id && ROOM_KINDS.includes(kind) ? { kind, id } : null;
}

/** socket.io messages: the server emits the first three, the client sends the last two. */
export const SOCKET_MESSAGES = {
  event: 'event',
  resync: 'resync',
  roomLeft: 'room.left',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
} as const;
