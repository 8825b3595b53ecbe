import { useTranslation } from 'react-i18next';
import { DescriptionList } from '~/components/ui/description-list';
import { localized } from '~/lib/i18n';
import { formatMoney } from '../money';
import type { ProcessDetail } from '../queries.server';

/** What a process is about in figures: its budget, who it is for, how the ballot and the count work. */
export function ProcessFacts({ process }: { process: ProcessDetail }) {
  const { t, i18n } = useTranslation('budgets');
  const lng = i18n.language;
  const money = (minor: string) => formatMoney(minor, process.currency, lng);
  const ballot =
    process.votingMethod === 'knapsack'
      ? t('ballot.knapsack', { total: money(process.total) })
      : process.maxChoices
        ? t('ballot.approvalBetween', { min: process.minChoices, max: process.maxChoices })
        : t('ballot.approvalAtLeast', { count: process.minChoices });
  return (
    <DescriptionList
      items={[
        { key: 'total', term: t('process.total'), value: money(process.total) },
        {
          key: 'scope',
          term: t('process.scope'),
          value:
            process.scope === 'city' ? (
              t('scopes.city')
            ) : (
              <ul className="section-list">
                {process.scopes.map((s) => (
                  <li key={s.id}>
                    {localized(s.name, lng).text}
                    {s.amount ? ` · ${money(s.amount)}` : null}
                  </li>
                ))}
              </ul>
            ),
        },
        { key: 'ballot', term: t('process.votingMethod'), value: ballot },
        { key: 'rule', term: t('process.rule'), value: t(`rulesExplained.${process.rule}`) },
        {
          key: 'categories',
          term: t('process.categories'),
          value: process.categories.length ? process.categories.map((c) => localized(c.name, lng).text).join(', ') : null,
        },
      ]}
    />
  );
}
