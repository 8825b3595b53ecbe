import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { GetForm, TextField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import type { RequestGroup } from '~/modules/requests/catalog/schemas';
import { PickerSearchSchema } from '../intake-schemas';

type PickerType = {
  code: string;
  name: { text: string; fellBack: boolean; lang: string };
  description: { text: string; fellBack: boolean; lang: string };
};

/**
 * The request-type picker: a search box (GET ?q=, filtered on the server, so it works without
 * JavaScript) and the types grouped under their headings, each linking to `<basePath>/<code>`.
 * Residents file from /requests/new; staff record on someone's behalf from /staff/requests/new.
 * The promote page, whose steps are query parameters, gives `typeHref` and `clearHref` instead
 * and nests the picker under its own heading (`headingLevel` 3).
 */
export function TypePicker({
  q,
  groups,
  basePath,
  typeHref = (code) => `${basePath}/${code}`,
  clearHref = basePath,
  headingLevel = 2,
  keep,
}: {
  q: string;
  groups: { group: RequestGroup; types: PickerType[] }[];
  basePath: string;
  typeHref?: (code: string) => string;
  clearHref?: string;
  headingLevel?: 2 | 3;
  /** Query parameters the search keeps (a recording's meeting). */
  keep?: Record<string, string>;
}) {
  const { t } = useTranslation('requests');
  const [form, fields] = useSchemaForm(PickerSearchSchema, { id: 'type-picker', defaultValue: { q } });
  const count = groups.reduce((n, g) => n + g.types.length, 0);
  const GroupHeading = headingLevel === 2 ? 'h2' : 'h3';
  const TypeHeading = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <>
      <GetForm form={form} role="search" className="filters" aria-label={t('picker.searchLabel')}>
        <TextField field={fields.q} label={t('picker.search')} hint={t('picker.searchHint')} type="search" maxLength={100} />
        {Object.entries(keep ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className="button">
          {t('picker.searchSubmit')}
        </button>
        {q ? <Link to={clearHref}>{t('picker.clear')}</Link> : null}
      </GetForm>
      <p role="status">{q ? t('picker.found', { count }) : null}</p>
      {count === 0 ? <p>{t('picker.none')}</p> : null}
      {groups.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`}>
          <GroupHeading id={`group-${group.group}`}>{t(`groups.${group.group}`)}</GroupHeading>
          <ul className="cards">
            {group.types.map((type) => (
              <li key={type.code} className="card">
                <TypeHeading>
                  <Link to={typeHref(type.code)} lang={type.name.fellBack ? type.name.lang : undefined}>
                    {type.name.text}
                  </Link>
                </TypeHeading>
                <p lang={type.description.fellBack ? type.description.lang : undefined}>{type.description.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
