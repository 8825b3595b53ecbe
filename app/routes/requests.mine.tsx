import { parseWithSchema } from '~/lib/schema-parse';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Pager } from '~/components/ui/pager';
import { formatDate } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { requireUser } from '~/modules/identity/guards.server';
import { ListHeading } from '~/modules/requests/components/list-heading';
import { listMyRequests } from '~/modules/requests/tracking/request-queries.server';
import { MyRequestsQuerySchema } from '~/modules/requests/tracking/tracking-schemas';
import { EmptyState } from '~/components/ui/empty-state';
import ClipboardList from 'lucide-react/icons/clipboard-list';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:mine.title');

/** "My requests": what the signed-in resident filed, newest first (?after= for the next page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = parseWithSchema(new URL(request.url).searchParams, MyRequestsQuerySchema);
  const after = query.status === 'success' ? query.value.after : undefined;
  const page = await listMyRequests(user.id, after);
  return json({ ...page, paged: !!after }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function MyRequests() {
  const { t, i18n } = useTranslation('requests');
  const { requests, next, paged } = useLoaderData<typeof loader>();
  const { city } = useRootData();
  const lng = i18n.language;
  return (
    <div className="stack">
      <ListHeading title={t('mine.title')} action={{ to: '/requests/new', label: t('mine.new') }} />
      {requests.length === 0 ? (
        <EmptyState icon={ClipboardList} title={paged ? t('mine.noMore') : t('mine.empty')} />
      ) : (
        <ul className="cards request-list">
          {requests.map((r) => (
            <li key={r.id} className="card">
              <h2 className="h3">
                <Link to={`/requests/${r.publicCode}`}>{localized(r.type.name, lng).text}</Link>
              </h2>
              <p>
                <span className={`pill status-${r.status}`}>{t(`status.${r.status}`)}</span>
              </p>
              <p className="muted">{t('mine.item', { code: r.publicCode, date: formatDate(r.createdAt, lng, city.timeZone, 'medium') })}</p>
              {r.address ? <p>{r.address}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager
        label={t('mine.pages')}
        next={next ? { to: `/requests/mine?after=${encodeURIComponent(next)}`, label: t('mine.older') } : null}
      />
    </div>
  );
}
