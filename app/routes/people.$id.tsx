import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Avatar } from '~/components/ui/avatar';
import { Card } from '~/components/ui/card';
import { DescriptionList } from '~/components/ui/description-list';
import { Pager } from '~/components/ui/pager';
import { formatDate, formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { RoleBadges } from '~/modules/people/components/role-badges';
import { getPublicProfile, listPublicPosts } from '~/modules/people/profiles.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'people:profile.pageTitle', { name: data?.person.displayName ?? '' });

/** A person's public profile, for anyone (profiles.server says what it holds; 404 for closed accounts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const person = await getPublicProfile(params.id ?? '');
  if (!person) throw refuse(fail.notFound());
  const after = new URL(request.url).searchParams.get('after') ?? undefined;
  const page = await listPublicPosts(person.id, after);
  return json({ person, posts: page.posts, nextAfter: page.nextAfter, after: after ?? null });
}

export default function Profile() {
  const { t, i18n } = useTranslation('people');
  const lng = i18n.language;
  const { city } = useRootData();
  const { person, posts, nextAfter, after } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <header className="profile-header">
        <Avatar person={person} size="xl" />
        <div>
          <h1>{person.displayName}</h1>
          <RoleBadges badges={person.badges} />
          <DescriptionList
            items={[
              {
                key: 'neighborhood',
                term: t('profile.neighborhood'),
                value: person.neighborhood ? localized(person.neighborhood.name, lng).text : t('profile.noNeighborhood'),
              },
              {
                key: 'since',
                term: t('profile.memberSince'),
                value: <time dateTime={person.createdAt}>{formatDate(person.createdAt, lng, city.timeZone)}</time>,
              },
            ]}
          />
        </div>
      </header>
      {person.groups.length ? (
        <Card title={t('profile.groups')}>
          <ul>
            {person.groups.map((g) => (
              <li key={g.slug}>
                <Link to={`/groups/${g.slug}`}>{g.name}</Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t('profile.posts')} id="posts-heading">
        {posts.length === 0 ? <p>{t('profile.noPosts')}</p> : null}
        <ul className="profile-posts">
          {posts.map((post) => (
            <li key={post.id}>
              <h3 className="thread-title">
                <Link to={`/threads/${post.thread.id}#post-${post.id}`}>{post.thread.title}</Link>
              </h3>
              <p className="muted">
                {post.isOpening ? t('profile.started') : t('profile.replied')} ·{' '}
                <Link to={`/channels/${post.channel.slug}`}>{localized(post.channel.name, lng).text}</Link> ·{' '}
                <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, lng, city.timeZone, 'short')}</time>
              </p>
              <p>{post.excerpt}</p>
            </li>
          ))}
        </ul>
        <Pager
          label={t('profile.pages')}
          previous={after ? { to: `/people/${person.id}`, label: t('profile.newest') } : null}
          next={nextAfter ? { to: `/people/${person.id}?after=${nextAfter}`, label: t('profile.older') } : null}
        />
      </Card>
    </div>
  );
}
