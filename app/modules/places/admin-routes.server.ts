import type { ActionFunctionArgs } from '@remix-run/node';
import type { z } from 'zod';
import { callerFor, type Caller } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail, type Result } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import type { PlaceKind } from './components/place-admin';

/**
 * The actions of the admin pages of a kind of place (departments, neighborhoods), written once:
 * the list page creates one, the edit page saves or deletes one (`intent`), each through the
 * kind's use case, then back to the list with a flash (`admin:<kind>.created|saved|deleted`).
 */
export async function createPlace<V>(
  { request, context }: ActionFunctionArgs,
  kind: PlaceKind,
  schema: z.ZodType<V, z.ZodTypeDef, unknown>,
  save: (caller: Caller, id: null, input: V) => Promise<Result<unknown>>,
) {
  const user = await requirePermission(request, 'manage:city');
  const submission = await readSubmission(request, schema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await save(callerFor(user, context), null, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/admin/${kind}`, { kind: 'success', key: `admin:${kind}.created` }, { status: 303 });
}

/** The place of an edit page (`params.id`), or 404. */
export async function loadPlace<T>(get: (id: string) => Promise<T | null>, id: string | undefined): Promise<T> {
  const place = id ? await get(id) : null;
  if (!place) throw refuse(fail.notFound());
  return place;
}

export async function editPlace<V extends { intent: 'save' | 'delete' }>(
  { request, params, context }: ActionFunctionArgs,
  kind: PlaceKind,
  schema: z.ZodType<V, z.ZodTypeDef, unknown>,
  get: (id: string) => Promise<{ id: string } | null>,
  save: (caller: Caller, id: string, input: Extract<V, { intent: 'save' }>) => Promise<Result<unknown>>,
  remove: (caller: Caller, id: string) => Promise<Result<unknown>>,
) {
  const user = await requirePermission(request, 'manage:city');
  const { id } = await loadPlace(get, params.id);
  const submission = await readSubmission(request, schema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const value = submission.value;
  const result = value.intent === 'delete' ? await remove(caller, id) : await save(caller, id, value as Extract<V, { intent: 'save' }>);
  if (!result.ok) return respondToForm(submission, result);
  const key = value.intent === 'delete' ? `admin:${kind}.deleted` : `admin:${kind}.saved`;
  return redirectWithFlash(`/admin/${kind}`, { kind: 'success', key }, { status: 303 });
}
