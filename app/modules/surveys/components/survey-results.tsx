import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/ui/action-bar';
import { ShareBar } from '~/components/ui/share-bar';
import { DataTable } from '~/components/ui/data-table';
import { DescriptionList } from '~/components/ui/description-list';
import { GetForm, PostForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { formatDate, formatNumber, formatPercent } from '~/lib/format';
import { languageName } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { resultsQuery, ResultsFilterSchema, type ResultsFilter } from '../results';
import type { ResultsPageData } from '../results-queries.server';

type Question = ResultsPageData['questions'][number];
type Label = { text: string; lang: string } | null;

/**
 * A survey's results, for staff (/staff/surveys/:id/results: the publish switch, the downloads,
 * the written answers) and for residents once published (/surveys/:id/results). Every chart is
 * decoration beside its table, which carries the same figures for screen readers.
 */
export function SurveyResults({ data, filter, staff }: { data: ResultsPageData; filter: ResultsFilter; staff: boolean }) {
  const { t, i18n } = useTranslation('surveys');
  const lng = i18n.language;
  const base = staff ? `/staff/surveys/${data.survey.id}` : `/surveys/${data.survey.id}`;
  const query = resultsQuery(filter);
  return (
    <div className="stack">
      <h1>{t('results.title', { title: data.survey.title.text })}</h1>
      <p aria-live="polite" aria-atomic="true" data-total={data.total}>
        <strong>{t('results.answerSets', { count: data.total, formattedCount: formatNumber(data.total, lng) })}</strong>
        {staff ? ` ${t('results.live')}` : null}
      </p>
      {staff ? <StaffTools data={data} query={query} /> : null}
      <ResultsFilters data={data} filter={filter} action={`${base}/results`} />
      {(filter.neighborhood || filter.language || filter.department || filter.type) && !data.hidden ? (
        <p>{t('results.matching', { count: data.size, formattedCount: formatNumber(data.size, lng) })}</p>
      ) : null}
      {data.breakdown && !data.hidden ? <SegmentBreakdown breakdown={data.breakdown} action={`${base}/results`} filter={filter} /> : null}
      {data.hidden ? (
        <p className="notice" role="status">
          {t('results.tooFew', { count: data.minGroup })}
        </p>
      ) : data.size === 0 ? (
        <p>{t('results.none')}</p>
      ) : (
        data.questions.map((q) => (
          <QuestionResults key={q.key} q={q} more={staff ? `${base}/results/${q.key}${query ? `?${query}` : ''}` : null} />
        ))
      )}
    </div>
  );
}

function StaffTools({ data, query }: { data: ResultsPageData; query: string }) {
  const { t } = useTranslation('surveys');
  const id = data.survey.id;
  const isPublic = data.survey.resultsPublic;
  return (
    <>
      {data.survey.builtIn ? (
        <p>{t('results.builtIn')}</p>
      ) : (
        <PostForm action={`/staff/surveys/${id}/results`} className="stack">
          <p>{t(isPublic ? 'results.publicNow' : 'results.privateNow')}</p>
          <input type="hidden" name="public" value={isPublic ? 'false' : 'true'} />
          <ActionBar>
            <SubmitButton>{t(isPublic ? 'results.withdraw' : 'results.publish')}</SubmitButton>
          </ActionBar>
        </PostForm>
      )}
      <nav aria-label={t('results.downloads')}>
        <ActionBar>
          <a href={`/staff/surveys/${id}/answers.csv`} download>
            {t('results.answersCsv')}
          </a>
          <a href={`/staff/surveys/${id}/summary.csv${query ? `?${query}` : ''}`} download>
            {t('results.summaryCsv')}
          </a>
        </ActionBar>
      </nav>
    </>
  );
}

/**
 * The neighborhood and language filter, and the department and type filter of answers about
 * requests (the follow-up); groups too small to show are not offered.
 */
export function ResultsFilters({
  data,
  filter,
  action,
  search = false,
}: {
  data: Pick<ResultsPageData, 'options' | 'minGroup'> & { survey: { anonymous: boolean } };
  filter: ResultsFilter;
  action: string;
  search?: boolean;
}) {
  const { t, i18n } = useTranslation('surveys');
  const [form, fields] = useSchemaForm(ResultsFilterSchema, { id: 'results-filter', defaultValue: filter });
  const any = { value: '', label: t('results.any') };
  const offered = <O extends { disabled: boolean; value: string }>(options: O[], chosen?: string) =>
    options.filter((o) => !o.disabled || o.value === chosen);
  return (
    <GetForm form={form} action={action} className="stack" aria-label={t('results.filters')}>
      <div className="field-row">
        <SelectField
          field={fields.neighborhood}
          label={t('results.neighborhood')}
          options={[
            any,
            ...offered(data.options.neighborhoods, filter.neighborhood).map((o) => ({
              value: o.value,
              label: o.value === 'none' ? t('results.noNeighborhood') : o.label,
            })),
          ]}
        />
        <SelectField
          field={fields.language}
          label={t('results.language')}
          options={[
            any,
            ...offered(data.options.languages, filter.language).map((o) => ({
              value: o.value,
              label: languageName(o.value, i18n.language),
            })),
          ]}
        />
      </div>
      {data.options.departments.length ? (
        <div className="field-row">
          <SelectField
            field={fields.department}
            label={t('results.department')}
            options={[any, ...offered(data.options.departments, filter.department).map(({ value, label }) => ({ value, label }))]}
          />
          <SelectField
            field={fields.type}
            label={t('results.type')}
            options={[any, ...offered(data.options.types, filter.type).map(({ value, label }) => ({ value, label }))]}
          />
        </div>
      ) : null}
      {data.survey.anonymous ? <p className="hint">{t('results.filterHint', { count: data.minGroup })}</p> : null}
      {search ? <TextField field={fields.q} label={t('results.search')} type="search" /> : null}
      <ActionBar>
        <button type="submit" className="button">
          {t('results.apply')}
        </button>
        <Link to={action}>{t('results.reset')}</Link>
      </ActionBar>
    </GetForm>
  );
}

/**
 * Answers about requests per department, each followed by its request types: how many answered
 * the question and each option's count and share. Each name narrows the whole page to it.
 */
function SegmentBreakdown({
  breakdown,
  action,
  filter,
}: {
  breakdown: NonNullable<ResultsPageData['breakdown']>;
  action: string;
  filter: ResultsFilter;
}) {
  const { t, i18n } = useTranslation('surveys');
  const lng = i18n.language;
  type Row = { id: string; name: string; answered: number; counts: number[]; department: boolean; link: string };
  const rows: Row[] = breakdown.departments.flatMap((d) => [
    { ...d, department: true, link: resultsQuery({ ...filter, department: d.id, type: undefined }) },
    ...d.types.map((ty) => ({ ...ty, department: false, link: resultsQuery({ ...filter, department: d.id, type: ty.id }) })),
  ]);
  return (
    <section aria-labelledby="by-segment" className="stack">
      <h2 id="by-segment">{t('results.bySegment')}</h2>
      <p className="hint" lang={breakdown.question.label.lang}>
        {breakdown.question.label.text}
      </p>
      <DataTable
        caption={t('results.bySegment')}
        captionHidden
        rows={rows}
        rowKey={(r) => `${r.department ? 'd' : 't'}-${r.id}`}
        rowProps={(r) => ({ className: r.department ? 'subtotal' : undefined })}
        columns={[
          {
            key: 'name',
            header: t('results.departmentOrType'),
            rowHeader: true,
            cell: (r) => (
              <Link to={`${action}?${r.link}`} className={r.department ? undefined : 'indent'}>
                {r.name}
              </Link>
            ),
          },
          { key: 'answered', header: t('results.count'), cell: (r) => formatNumber(r.answered, lng) },
          ...breakdown.options.map((o, i) => ({
            key: `o-${o.value}`,
            header: <span lang={o.label.lang}>{o.label.text}</span>,
            cell: (r: Row) => `${formatNumber(r.counts[i], lng)} (${formatPercent(r.answered ? r.counts[i] / r.answered : 0, lng)})`,
          })),
        ]}
      />
    </section>
  );
}

function QuestionResults({ q, more }: { q: Question; more: string | null }) {
  const { t, i18n } = useTranslation('surveys');
  const lng = i18n.language;
  const pct = (share: number) => formatPercent(share, lng);
  const num = (n: number) => formatNumber(Math.round(n * 100) / 100, lng);
  const headingId = `q-${q.key}`;
  const labelOf = (value: string, label: Label) => {
    if (label) return <span lang={label.lang}>{label.text}</span>;
    if (q.kind === 'yesNo') return t(value === 'yes' ? 'results.yes' : 'results.no');
    if (q.kind === 'date') return formatDate(value, lng, 'UTC', 'medium');
    return formatNumber(Number(value), lng);
  };
  return (
    <section aria-labelledby={headingId} className="stack results-question" data-question={q.key}>
      <h2 id={headingId} lang={q.label.lang}>
        {q.label.text}
      </h2>
      <p>{t('results.answeredBy', { count: q.answered, formattedCount: formatNumber(q.answered, lng) })}</p>
      {q.bars.length > 0 ? (
        <>
          <DataTable
            caption={q.label.text}
            captionHidden
            rows={q.bars}
            rowKey={(b) => b.value}
            columns={[
              { key: 'option', header: t('results.option'), rowHeader: true, cell: (b) => labelOf(b.value, b.label) },
              { key: 'count', header: t('results.count'), cell: (b) => formatNumber(b.count, lng) },
              { key: 'percent', header: t('results.percent'), cell: (b) => <ShareBar share={b.share}>{pct(b.share)}</ShareBar> },
            ]}
          />
        </>
      ) : null}
      {q.stats ? (
        <DescriptionList
          items={[
            { key: 'mean', term: t('results.mean'), value: num(q.stats.mean) },
            { key: 'median', term: t('results.median'), value: num(q.stats.median) },
          ]}
        />
      ) : null}
      {q.rows.length > 0 ? (
        <DataTable
          caption={q.label.text}
          captionHidden
          rows={q.rows}
          rowKey={(r) => r.value}
          columns={[
            { key: 'row', header: t('results.row'), rowHeader: true, cell: (r) => labelOf(r.value, r.label) },
            ...q.rows[0].bars.map((b, i) => ({
              key: `v${b.value}`,
              header: formatNumber(Number(b.value), lng),
              cell: (r: Question['rows'][number]) => `${formatNumber(r.bars[i].count, lng)} (${pct(r.bars[i].share)})`,
            })),
            { key: 'mean', header: t('results.mean'), cell: (r) => (r.mean === null ? '—' : num(r.mean)) },
          ]}
        />
      ) : null}
      {q.ranking.length > 0 ? (
        <>
          <p className="hint">{t('results.rankingHint')}</p>
          <DataTable
            caption={q.label.text}
            captionHidden
            rows={q.ranking}
            rowKey={(o) => o.value}
            columns={[
              { key: 'option', header: t('results.option'), rowHeader: true, cell: (o) => labelOf(o.value, o.label) },
              { key: 'place', header: t('results.averagePlace'), cell: (o) => (o.averagePlace === null ? '—' : num(o.averagePlace)) },
              {
                key: 'first',
                header: t('results.placedFirst'),
                cell: (o) => <ShareBar share={o.firstShare}>{pct(o.firstShare)}</ShareBar>,
              },
            ]}
          />
        </>
      ) : null}
      {q.texts ? (
        <>
          <h3>{t('results.textAnswers')}</h3>
          <TextAnswers answers={q.texts.answers} />
          {more ? (
            <p>
              <Link to={more}>{t('results.allAnswers')}</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function TextAnswers({ answers }: { answers: { id: string; text: string; language: string }[] }) {
  const { t } = useTranslation('surveys');
  if (!answers.length) return <p>{t('results.noText')}</p>;
  return (
    <ul className="results-texts">
      {answers.map((a) => (
        <li key={a.id} lang={a.language}>
          {a.text}
        </li>
      ))}
    </ul>
  );
}
