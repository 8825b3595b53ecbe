import { parseWithSchema } from '~/lib/schema-parse';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { getFormProps } from '@conform-to/react';
import { ErrorText, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { Pager } from '~/components/ui/pager';
import { callerOf } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { readableChannels } from '~/modules/channels/queries.server';
import { Highlighted } from '~/modules/search/components/highlighted';
import { MAX_PAGES, SEARCH_PAGE, SearchSchema } from '~/modules/search/schemas';
import { searchPosts } from '~/modules/search/search.server';
import { MAX_QUERY } from '~/modules/search/terms';
import { RelativeTime } from '~/components/ui/relative-time';

/**
 * /search?q=…&channel=…&page=…: a GET form that works without JavaScript. Too short, too long or
 * word-less queries come back with a localized message (400); results are relevance first, then
 * newest, 20 a page, at most 10 pages (docs/decisions/0008-search.md).
 */
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data?.q ? pageTitle(matches, 'search:titleWithQuery', { q: data.q }) : pageTitle(matches, 'search:title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const caller = await callerOf(request, context);
  const q = url.searchParams.get('q') ?? '';
  const channel = url.searchParams.get('channel') ?? '';
  const base = { q: q.slice(0, MAX_QUERY + 50), channel: channel.slice(0, 100), maxPages: MAX_PAGES };
  if (!q.trim()) {
    const channels = await readableChannels(caller.user);
    return json({ ...base, channels: channels.map(channelOption), lastResult: null, results: null });
  }
  // The query string is the form: Conform checks it as it would a post, and words its errors.
  const submission = parseWithSchema(url.searchParams, SearchSchema);
  if (submission.status !== 'success') {
    const channels = await readableChannels(caller.user);
    return json({ ...base, channels: channels.map(channelOption), lastResult: submission.reply(), results: null }, { status: 400 });
  }
  const found = await searchPosts(caller, submission.value);
  if (!found.ok) throw refuse(found);
  const { hits, page, hasNext, channels } = found.value;
  return json({
    ...base,
    channels: channels.map(channelOption),
    lastResult: null,
    results: { hits, page, hasNext, first: (page - 1) * SEARCH_PAGE + 1 },
  });
}

const channelOption = (c: { id: string; slug: string; name: unknown }) => ({
  id: c.id,
  slug: c.slug,
  name: c.name as Record<string, string>,
});

function pageLink(q: string, channel: string, page: number) {
  const params = new URLSearchParams({ q });
  if (channel) params.set('channel', channel);
  if (page > 1) params.set('page', String(page));
  return `/search?${params}`;
}

export default function SearchPage() {
  const { t, i18n } = useTranslation('search');
  const data = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const names = new Map(data.channels.map((c) => [c.id, localized(c.name, lng).text]));
  const results = data.results;
  const [form, fields] = useSchemaForm(SearchSchema, { lastResult: data.lastResult, defaultValue: { q: data.q, channel: data.channel } });
  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <Form method="get" action="/search" role="search" className="stack" {...getFormProps(form)}>
        <ErrorText messages={form.errors} />
        <TextField label={t('query')} field={fields.q} type="search" maxLength={MAX_QUERY} />
        <SelectField
          label={t('channel')}
          field={fields.channel}
          options={[
            { value: '', label: t('allChannels') },
            ...data.channels.map((c) => ({ value: c.slug, label: localized(c.name, lng).text })),
          ]}
        />
        <div className="actions">
          <SubmitButton>{t('submit')}</SubmitButton>
        </div>
      </Form>
      {results ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {t('resultsFor', { q: data.q.trim() })}
            {results.page > 1 ? <span className="muted"> · {t('page', { page: results.page })}</span> : null}
          </h2>
          {results.hits.length === 0 ? <p>{t('empty', { q: data.q.trim() })}</p> : null}
          <ol className="search-results" start={results.first}>
            {results.hits.map((hit) => (
              <li key={hit.postId} className="search-result">
                <h3 className="thread-title">
                  <Link to={`/threads/${hit.threadId}?from=${hit.postId}#post-${hit.postId}`}>
                    {hit.titleMarked ? <Highlighted text={hit.titleMarked} /> : hit.title}
                  </Link>
                </h3>
                {hit.snippet ? (
                  <p className="search-snippet">
                    <Highlighted text={hit.snippet} />
                  </p>
                ) : null}
                <p className="thread-meta">
                  <span>{t('inChannel', { channel: names.get(hit.channelId) ?? '' })}</span>
                  <span>
                    {t('by')} <AuthorName author={hit.author} />
                  </span>
                  <span>
                    <RelativeTime value={hit.createdAt} />
                  </span>
                </p>
              </li>
            ))}
          </ol>
          <Pager
            label={t('pages')}
            previous={results.page > 1 ? { to: pageLink(data.q, data.channel, results.page - 1), label: t('previous') } : null}
            next={results.hasNext ? { to: pageLink(data.q, data.channel, results.page + 1), label: t('next') } : null}
          />
          {results.page >= data.maxPages && results.hits.length === SEARCH_PAGE ? (
            <p className="muted">{t('limit', { pages: data.maxPages })}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
