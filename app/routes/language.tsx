import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { callerOf } from '~/lib/caller.server';
import { safeRedirectPath } from '~/lib/http.server';
import { languageCookie } from '~/lib/i18n.server';
import { readSubmission } from '~/lib/submission.server';
import { setLocale } from '~/modules/identity/account-settings.server';
import { LanguageSchema } from '~/modules/identity/schemas';

/** The language switch: a cookie for everyone, and the account setting for signed-in users. */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, LanguageSchema);
  // The switch is a list of buttons: a language that is not offered changes nothing.
  if (submission.status !== 'success') return redirect('/', 303);
  await setLocale(await callerOf(request, context), submission.value.locale);
  return redirect(safeRedirectPath(submission.value.redirectTo), {
    status: 303,
    headers: { 'Set-Cookie': await languageCookie.serialize(submission.value.locale) },
  });
}

export function loader() {
  return redirect('/');
}
