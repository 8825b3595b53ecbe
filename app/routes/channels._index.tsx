import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { listChannels } from '~/modules/channels/queries.server';
import type { ChannelKind } from '~/modules/channels/values';
import { can } from '~/modules/identity/policy';
import { getUser } from '~/modules/identity/session.server';
import { Badge } from '~/components/ui/badge';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:list.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const channels = await listChannels(user);
  return json({
    canManage: can(user, 'manage:channel'),
    channels: channels.map(({ id, slug, kind, name, description, visibility, threads }) => ({
      id,
      slug,
      kind,
      name,
      description,
      visibility,
      threads,
    })),
  });
}

export default function Channels() {
  const { t, i18n } = useTranslation('channels');
  const { channels, canManage } = useLoaderData<typeof loader>();
  const groups: { kind: ChannelKind; title: string }[] = [
    { kind: 'neighborhood', title: t('list.neighborhoods') },
    { kind: 'topic', title: t('list.topics') },
    { kind: 'group', title: t('list.private') },
  ];
  return (
    <div className="stack">
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <p>
        <Link to="/latest">{t('latest.link')}</Link>
      </p>
      {canManage ? (
        <p>
          <Link className="button" to="/channels/new">
            {t('settings.newChannel')}
          </Link>
        </p>
      ) : null}
      {groups.map((group) => {
        const items = channels.filter((c) =>
          group.kind === 'group' ? !['neighborhood', 'topic'].includes(c.kind) : c.kind === group.kind,
        );
        if (!items.length) return null;
        return (
          <section key={group.kind} aria-labelledby={`kind-${group.kind}`}>
            <h2 id={`kind-${group.kind}`}>{group.title}</h2>
            <ul className="cards">
              {items.map((c) => (
                <li key={c.id} className="card">
                  <h3>
                    <Link to={`/channels/${c.slug}`}>{localized(c.name, i18n.language).text}</Link>
                  </h3>
                  {c.description ? <p>{localized(c.description, i18n.language).text}</p> : null}
                  <p className="muted">
                    {t('list.threads', { count: c.threads, formatted: formatNumber(c.threads, i18n.language) })}
                    {c.visibility === 'members' ? <Badge>{t('list.membersOnly')}</Badge> : null}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
