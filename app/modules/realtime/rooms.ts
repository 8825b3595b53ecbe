import type { SessionUser } from '~/modules/identity/session.server';

/**
 * Which rooms a socket may join. Deny by default: each area adds its rooms here with a check
 * against the same policy its loaders use. For now a signed-in user may join only their own room.
 */
export function canJoinRoom(user: SessionUser | null, room: string): boolean {
  if (room.startsWith('user:')) return !!user && room === `user:${user.id}`;
  return false;
}
