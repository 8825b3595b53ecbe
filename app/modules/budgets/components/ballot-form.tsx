import { useState } from 'react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ErrorText, FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { formatMoney } from '../money';
import { BallotSchema } from '../schemas';

type Project = { id: string; title: string; cost: string; neighborhood: LocalizedText | null; category: LocalizedText | null };

/**
 * A ballot: one checkbox per project with its cost. Without JavaScript it is a plain form the
 * server checks; with it, a budget ballot shows the running total against the budget as boxes are
 * ticked (announced politely), and the server still checks it.
 */
export function BallotForm({
  slug,
  projects,
  chosen,
  version,
  currency,
  budget,
  knapsack,
  lastResult,
}: {
  slug: string;
  projects: Project[];
  chosen: string[];
  version: number;
  currency: string;
  budget: string;
  knapsack: boolean;
  lastResult: unknown;
}) {
  const { t, i18n } = useTranslation('budgets');
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(BallotSchema, {
    lastResult,
    id: 'ballot',
    defaultValue: { choices: chosen, version: String(version) },
  });
  const kept = fields.choices.initialValue;
  const initial = new Set(Array.isArray(kept) ? (kept as string[]) : typeof kept === 'string' ? [kept] : chosen);
  const [ticked, setTicked] = useState(initial);
  const spent = projects.filter((p) => ticked.has(p.id)).reduce((sum, p) => sum + BigInt(p.cost), 0n);
  const over = knapsack && spent > BigInt(budget);
  const toggle = (id: string, on: boolean) =>
    setTicked((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <input type="hidden" name="version" value={version} />
      <fieldset className="field choice-group ballot" aria-describedby={fields.choices.errors?.length ? fields.choices.errorId : undefined}>
        <legend>{t('vote.projects')}</legend>
        {projects.map((p) => (
          <div key={p.id} className="field-checkbox ballot-project">
            <input
              type="checkbox"
              id={`choice-${p.id}`}
              name="choices"
              value={p.id}
              defaultChecked={initial.has(p.id)}
              onChange={(e) => toggle(p.id, e.currentTarget.checked)}
            />
            <label htmlFor={`choice-${p.id}`}>
              <strong>{p.title}</strong> · {formatMoney(p.cost, currency, lng)}
              {p.neighborhood ? ` · ${localized(p.neighborhood, lng).text}` : null}
            </label>{' '}
            <Link to={`/budgets/${slug}/proposals/${p.id}`} className="muted">
              {t('vote.details', { title: p.title })}
            </Link>
          </div>
        ))}
        <ErrorText messages={fields.choices.errors} id={fields.choices.errorId} />
      </fieldset>
      {knapsack ? (
        <p className={over ? 'running-total over' : 'running-total'} aria-live="polite">
          {t('vote.runningTotal', { spent: formatMoney(spent, currency, lng), budget: formatMoney(budget, currency, lng) })}
          {over ? ` ${t('vote.overBy', { amount: formatMoney(spent - BigInt(budget), currency, lng) })}` : null}
        </p>
      ) : null}
      <SubmitButton>{version ? t('vote.change') : t('vote.cast')}</SubmitButton>
    </PostForm>
  );
}
