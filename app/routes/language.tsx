import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { parseForm } from '~/lib/forms';
import { safeRedirectPath } from '~/lib/http.server';
import { supportedLanguages } from '~/lib/i18n';
import { languageCookie } from '~/lib/i18n.server';
import { readForm } from '~/lib/security.server';
import { setLocale } from '~/modules/identity/accounts.server';
import { getUser } from '~/modules/identity/session.server';

const LanguageSchema = z.object({ locale: z.enum(supportedLanguages), redirectTo: z.string().max(500).optional() });

/** The language switch: a cookie for everyone, and the account setting for signed-in users. */
export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(LanguageSchema, await readForm(request));
  if (!form.ok) return redirect('/', 303);
  const user = await getUser(request);
  if (user) await setLocale(user.id, form.data.locale);
  return redirect(safeRedirectPath(form.data.redirectTo), {
    status: 303,
    headers: { 'Set-Cookie': await languageCookie.serialize(form.data.locale) },
  });
}

export function loader() {
  return redirect('/');
}
