import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { transaction } from '~/lib/db.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { readForm } from '~/lib/security.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { clearSessionCookie, getUser } from '~/modules/identity/session.server';

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const user = await getUser(request);
  if (user) {
    await transaction(async (tx) => {
      await tx.session.deleteMany({ where: { id: user.sessionId } });
      await publishAfterCommit(tx, [{ room: `user:${user.id}`, type: 'session.ended', payload: { sessionId: user.sessionId } }]);
    });
  }
  return redirectWithFlash('/', { kind: 'info', key: 'auth:signedOut' }, { headers: { 'Set-Cookie': await clearSessionCookie() }, status: 303 });
}

export function loader() {
  return redirect('/');
}
