import { callerOf } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { signInRedirect } from '~/modules/identity/guards.server';
import { decidesMembers, readsBoard } from './policy';
import { groupBySlug, membershipOf } from './queries.server';

/** What every page of a group starts from: who asks, the group (404 when there is none) and their membership. */
export async function loadGroup(request: Request, context: unknown, slug: string | undefined) {
  const [caller, group] = await Promise.all([callerOf(request, context), groupBySlug(slug ?? '')]);
  if (!group) throw refuse(fail.notFound());
  const membership = await membershipOf(group.id, caller.user?.id);
  return { caller, group, membership };
}

/**
 * The members-only pages of a group: a visitor is sent to sign in, anyone who is neither an active
 * member nor one of its leaders gets a 403.
 */
export async function loadGroupForMembers(request: Request, context: unknown, slug: string | undefined) {
  const page = await loadGroup(request, context, slug);
  const user = page.caller.user;
  if (!user) throw signInRedirect(request);
  if (!readsBoard(user, page.group.id, page.membership)) throw refuse(fail.forbidden());
  return { ...page, user };
}

/** The leaders' pages of a group (invite links, scheduling): members who do not decide requests get a 403 too. */
export async function loadGroupForLeaders(request: Request, context: unknown, slug: string | undefined) {
  const page = await loadGroupForMembers(request, context, slug);
  if (!decidesMembers(page.user, page.group.id, page.membership)) throw refuse(fail.forbidden());
  return page;
}
