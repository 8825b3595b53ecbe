import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import type { Answers } from '~/modules/surveys/answers';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';

/** The answers a request was filed with, labelled by the field version it was filed with. */
export function AnswersView({ fields, answers }: { fields: readonly FieldDefinition[]; answers: Answers }) {
  const { t, i18n } = useTranslation('requests');
  const lng = i18n.language;
  const shown = fields.filter((f) => answers[f.key] !== undefined);
  if (!shown.length) return null;
  const show = (field: FieldDefinition) => {
    const value = answers[field.key];
    const option = (v: string) => localized(field.options?.find((o) => o.value === v)?.label, lng).text || v;
    if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no');
    if (typeof value === 'number') return formatNumber(value, lng);
    if (Array.isArray(value)) return value.map(option).join(', ');
    if (typeof value === 'object') return null; // a matrix: survey questions only, never a request's field
    if (field.kind === 'singleChoice') return option(value);
    if (field.kind === 'date') return formatDate(`${value}T12:00:00Z`, lng, 'UTC');
    return value;
  };
  return (
    <dl className="details">
      {shown.map((field) => (
        <div key={field.key}>
          <dt>{localized(field.label, lng).text}</dt>
          <dd className="pre-wrap">{show(field)}</dd>
        </div>
      ))}
    </dl>
  );
}
