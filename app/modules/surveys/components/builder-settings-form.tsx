import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, LocalizedTextField, PostForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { Trail } from '~/components/admin';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { SurveyPageActionSchema } from '../building-schemas';
import { AUDIENCES } from '../policy';

type Field = FieldMetadata<any, any, string[]>;
type Fields = Record<string, Field>;
type Choice = { id: string; name: LocalizedText };

/** A survey's settings: texts in every language, who may answer, when, and whether anonymously (fixed once answered). */
export function SurveySettingsForm({
  lastResult,
  defaultValue,
  updatedAt,
  neighborhoods,
  channels,
  answered,
  timeZone,
}: {
  lastResult?: unknown;
  defaultValue: Record<string, unknown>;
  updatedAt: string;
  neighborhoods: Choice[];
  channels: Choice[];
  answered: boolean;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation('surveys');
  const name = (c: Choice) => localized(c.name, i18n.language).text;
  const [form, fields] = useSchemaForm(SurveyPageActionSchema, {
    lastResult,
    id: 'survey-settings',
    defaultValue: { ...defaultValue, intent: 'save' },
  });
  const f = fields as unknown as Fields;
  const anonymous = defaultValue.anonymous === 'on';
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="updatedAt" value={updatedAt} />
      <LocalizedTextField label={t('builder.settings.title')} field={f.title} required="all" />
      <LocalizedTextField label={t('builder.settings.intro')} hint={t('builder.settings.introHint')} field={f.intro} multiline />
      <LocalizedTextField label={t('builder.settings.thanks')} hint={t('builder.settings.thanksHint')} field={f.thanks} multiline />
      <fieldset>
        <legend>{t('builder.settings.who')}</legend>
        <ChoiceGroup
          type="radio"
          field={f.audience}
          label={t('builder.settings.audience')}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`builder.audiences.${a}`) }))}
        />
        <ChoiceGroup
          type="checkbox"
          field={f.audienceNeighborhoods}
          label={t('builder.settings.neighborhoods')}
          hint={t('builder.settings.neighborhoodsHint')}
          options={neighborhoods.map((n) => ({ value: n.id, label: name(n) }))}
        />
        <SelectField
          label={t('builder.settings.channel')}
          hint={t('builder.settings.channelHint')}
          field={f.audienceChannelId}
          options={[{ value: '', label: t('builder.settings.noChannel') }, ...channels.map((c) => ({ value: c.id, label: name(c) }))]}
        />
      </fieldset>
      <fieldset>
        <legend>{t('builder.settings.when')}</legend>
        <p className="hint">{t('builder.settings.whenHint', { zone: timeZone })}</p>
        <TextField label={t('builder.settings.opensAt')} field={f.opensAt} type="datetime-local" />
        <TextField label={t('builder.settings.closesAt')} field={f.closesAt} type="datetime-local" />
      </fieldset>
      {answered ? (
        <>
          {/* Fixed once answered: the current value is posted, the box only shows it. */}
          {anonymous ? <input type="hidden" name="anonymous" value="on" /> : null}
          <CheckboxField label={t('builder.settings.anonymous')} hint={t('builder.settings.anonymousFixed')} field={f.anonymous} disabled />
        </>
      ) : (
        <CheckboxField label={t('builder.settings.anonymous')} hint={t('builder.settings.anonymousHint')} field={f.anonymous} />
      )}
      <SubmitButton>{t('builder.settings.save')}</SubmitButton>
    </PostForm>
  );
}

/** The trail of the builder's pages: surveys › this survey › … */
export function SurveyTrail({ survey, here }: { survey?: { id: string; title: unknown }; here?: { to: string; label: string } }) {
  const { t, i18n } = useTranslation('surveys');
  const items = [
    { to: '/staff/surveys', label: t('builder.list.title') },
    ...(survey ? [{ to: `/staff/surveys/${survey.id}`, label: localized(survey.title, i18n.language).text }] : []),
    ...(here ? [here] : []),
  ];
  return <Trail label={t('builder.trail')} items={items} />;
}
