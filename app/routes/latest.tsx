import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import MessagesSquare from 'lucide-react/icons/messages-square';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { EmptyState } from '~/components/ui/empty-state';
import { Pager } from '~/components/ui/pager';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { parseWithSchema } from '~/lib/schema-parse';
import { latestThreads } from '~/modules/channels/activity.server';
import { ActivityThreadList } from '~/modules/channels/components/thread-activity';
import { readableChannels } from '~/modules/channels/queries.server';
import { LatestQuerySchema } from '~/modules/channels/schemas';
import { getUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:latest.title');

/**
 * The latest conversations across every channel this reader may read (listChannels applies
 * canRead), newest activity first, 25 a page (keyset), narrowed to one channel by a GET link. A
 * channel they may not read is a 404, as if it did not exist.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseWithSchema(new URL(request.url).searchParams, LatestQuerySchema);
  if (parsed.status !== 'success') throw refuse(fail.invalid({}));
  const { channel: slug, after } = parsed.value;
  const user = await getUser(request);
  const channels = await readableChannels(user);
  const selected = slug ? channels.find((c) => c.slug === slug) : undefined;
  if (slug && !selected) throw refuse(fail.notFound());
  const page = await latestThreads(user, selected ? [selected.id] : channels.map((c) => c.id), { after });
  const channelOf = new Map(channels.map((c) => [c.id, { slug: c.slug, name: c.name }]));
  return json({
    channels: channels.map((c) => ({ slug: c.slug, name: c.name })),
    selected: selected?.slug ?? null,
    after: after ?? null,
    nextAfter: page.nextAfter,
    threads: page.threads.map(({ channelId, ...t }) => ({ ...t, channel: channelOf.get(channelId) ?? null })),
  });
}

export default function Latest() {
  const { t, i18n } = useTranslation('channels');
  const data = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const query = (params: { channel?: string | null; after?: string | null }) => {
    const search = new URLSearchParams();
    if (params.channel) search.set('channel', params.channel);
    if (params.after) search.set('after', params.after);
    const text = search.toString();
    return text ? `/latest?${text}` : '/latest';
  };
  return (
    <div className="stack">
      <h1>{t('latest.title')}</h1>
      <p>{t('latest.intro')}</p>
      <nav aria-label={t('latest.filter')}>
        <ul className="chips">
          <li>
            <Link to="/latest" aria-current={data.selected ? undefined : 'page'}>
              {t('latest.all')}
            </Link>
          </li>
          {data.channels.map((c) => (
            <li key={c.slug}>
              <Link to={query({ channel: c.slug })} aria-current={data.selected === c.slug ? 'page' : undefined}>
                {localized(c.name, lng).text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Card title={t('channel.threads')} id="latest-heading">
        {data.threads.length === 0 ? <EmptyState icon={MessagesSquare} title={t('latest.empty')} /> : null}
        <ActivityThreadList threads={data.threads} />
        <Pager
          label={t('channel.pages')}
          previous={data.after ? { to: query({ channel: data.selected }), label: t('channel.newest') } : null}
          next={data.nextAfter ? { to: query({ channel: data.selected, after: data.nextAfter }), label: t('channel.older') } : null}
        />
      </Card>
      <p>
        <Link to="/channels">{t('list.title')}</Link>
      </p>
    </div>
  );
}
