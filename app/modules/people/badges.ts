import type { LocalizedText } from '~/lib/i18n';

/**
 * Role badges, computed from role grants (never typed into names): `staff` for the city's staff
 * and administrators, `department` for a department's liaison (shown as the department's name),
 * `moderator` for a channel's moderators, `captain` for a block-watch group's captains. On a post
 * only the badges that hold where it was written are given; on a profile each names its place.
 */
export type RoleBadge =
  | { kind: 'staff' }
  | { kind: 'department'; name: LocalizedText }
  | { kind: 'moderator'; place?: LocalizedText }
  | { kind: 'captain'; place?: string; slug?: string };
