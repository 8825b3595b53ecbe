import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { requireUser } from '~/modules/identity/guards.server';
import { sayMeToo } from '~/modules/requests/public/me-too.server';
import { MeTooSchema } from '~/modules/requests/public/public-schemas';

/** The button lives on the request's public page: a GET here goes there. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/requests/${encodeURIComponent(params.code ?? '')}`);
}

/**
 * "Follow it / me too" (a plain POST from the request's public page, or from the filing form's
 * "Already reported?" list): signed-in residents only (anonymous visitors are sent to sign in); an
 * unknown or unpublished request is a 404, a request no longer open a 409.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, MeTooSchema);
  if (submission.status !== 'success') throw refuse(fail.invalid({}));
  const result = await sayMeToo(callerFor(user, context), params.code ?? '');
  if (!result.ok) throw refuse(result);
  const { code, already } = result.value;
  return redirectWithFlash(
    `/requests/${code}`,
    { kind: already ? 'info' : 'success', key: already ? 'requests:metoo.already' : 'requests:metoo.done', values: { code } },
    { status: 303 },
  );
}
