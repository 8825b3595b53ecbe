import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { statusOf } from '~/lib/respond.server';
import type { FailureCode } from '~/lib/result';
import { suggestMentions } from '~/modules/channels/mentions.server';
import { channelAccess, findChannel } from '~/modules/channels/queries.server';
import { MentionLookupSchema } from '~/modules/channels/schemas';
import { getUser } from '~/modules/identity/session.server';

/**
 * GET /people/mentions?channel=<id or slug>&q=<what follows "@">: the editor's mention
 * suggestions, as JSON `[{ id, name }]` (at most 8, never e-mail addresses). Signed-in readers
 * of the channel only: 401 without a session, 403 for a channel the reader may not read, 404 for
 * no such channel, 400 for a bad query, 429 when asked too often. Answers are personal and
 * change with every account, so nothing is cached.
 */
const NO_STORE = 'private, no-store';
/** A refusal as JSON, its status from the one mapping (respond.server.ts). */
const refused = (code: FailureCode, extra: Record<string, unknown> = {}) =>
  json({ error: code, ...extra }, { status: statusOf(code), headers: { 'Cache-Control': NO_STORE } });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ error: 'unauthorized' }, { status: 401, headers: { 'Cache-Control': NO_STORE } });
  try {
    await consume('mentionLookupIp', requestContext(context).clientIp);
    await consume('mentionLookupAccount', user.id);
  } catch (error) {
    if (error instanceof Response) error.headers.set('Cache-Control', NO_STORE);
    throw error;
  }

  const url = new URL(request.url);
  const input = MentionLookupSchema.safeParse({ channel: url.searchParams.get('channel') ?? '', q: url.searchParams.get('q') ?? '' });
  if (!input.success) {
    const fields = [...new Set(input.error.issues.map((issue) => String(issue.path[0])))];
    return refused('invalid', { fields });
  }
  const channel = await findChannel(input.data.channel);
  if (!channel) return refused('notFound');
  const { readable } = await channelAccess(user, channel);
  if (!readable) return refused('forbidden');

  const people = await suggestMentions(user, channel, input.data.q);
  return json(people, { headers: { 'Cache-Control': NO_STORE } });
}
