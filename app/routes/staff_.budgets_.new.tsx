import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, LocalizedTextField, PostForm, SelectField, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ScopeFields } from '~/modules/budgets/components/scope-fields';
import { createProcess, suggestedPhaseDates } from '~/modules/budgets/processes.server';
import { ProcessSchema } from '~/modules/budgets/schemas';
import { PHASES, RULES, VOTING_METHODS } from '~/modules/budgets/values';
import { requirePermission } from '~/modules/identity/guards.server';
import { getCity, neighborhoodOptions } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:create.title');

/** A new participatory budget process: its texts, money, scope, ballot, rule and the dates of its six phases. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  const [city, neighborhoods] = await Promise.all([getCity(), neighborhoodOptions()]);
  return json(
    { neighborhoods, defaults: { currency: city.currency, phases: suggestedPhaseDates(new Date(), city.timeZone) } },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:budget');
  const submission = await readSubmission(request, ProcessSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await createProcess(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/staff/budgets/${result.value.slug}`, { kind: 'success', key: 'budgets:create.created' }, { status: 303 });
}

export default function NewProcess() {
  const { t, i18n } = useTranslation('budgets');
  const { neighborhoods, defaults } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(ProcessSchema, {
    lastResult: useActionData<typeof action>(),
    id: 'new-process',
    defaultValue: { currency: defaults.currency, scope: 'city', votingMethod: 'approval', rule: 'greedy', phases: defaults.phases },
  });
  const phaseFields = fields.phases.getFieldset();
  return (
    <div className="stack">
      <h1>{t('create.title')}</h1>
      <p>{t('create.intro')}</p>
      <PostForm form={form}>
        <FormErrors form={form} />
        <LocalizedTextField label={t('create.processTitle')} field={fields.title} required="default" />
        <TextField label={t('create.slug')} field={fields.slug} hint={t('create.slugHint')} required />
        <LocalizedTextField label={t('create.description')} field={fields.description} required="default" multiline />
        <fieldset className="field-group">
          <legend>{t('create.money')}</legend>
          <TextField
            label={t('create.currency')}
            field={fields.currency}
            hint={t('create.currencyHint')}
            maxLength={3}
            autoCapitalize="characters"
          />
          <TextField label={t('create.total')} field={fields.total} hint={t('create.totalHint')} inputMode="decimal" />
        </fieldset>
        <ScopeFields
          scope={fields.scope}
          neighborhoods={fields.neighborhoods}
          amounts={fields.amounts}
          options={neighborhoods.map((n) => ({ id: n.id, name: localized(n.name, lng).text }))}
        />
        <fieldset className="field-group">
          <legend>{t('create.ballot')}</legend>
          <SelectField
            label={t('process.votingMethod')}
            field={fields.votingMethod}
            hint={t('create.votingMethodHint')}
            options={VOTING_METHODS.map((m) => ({ value: m, label: t(`votingMethods.${m}`) }))}
          />
          <TextField label={t('create.minChoices')} field={fields.minChoices} hint={t('create.choicesHint')} type="number" min={1} />
          <TextField label={t('create.maxChoices')} field={fields.maxChoices} type="number" min={1} />
          <SelectField
            label={t('process.rule')}
            field={fields.rule}
            hint={t('create.ruleHint')}
            options={RULES.map((r) => ({ value: r, label: t(`rules.${r}`) }))}
          />
        </fieldset>
        <TextArea label={t('create.categories')} field={fields.categories} hint={t('create.categoriesHint')} rows={5} />
        <fieldset className="field-group">
          <legend>{t('create.phases')}</legend>
          <p className="hint">{t('create.phasesHint')}</p>
          {PHASES.map((phase) => {
            const dates = phaseFields[phase].getFieldset();
            return (
              <fieldset key={phase} className="field-group date-pair">
                <legend>{t(`phases.${phase}`)}</legend>
                <TextField label={t('create.starts')} field={dates.starts} type="date" />
                <TextField label={t('create.ends')} field={dates.ends} type="date" />
              </fieldset>
            );
          })}
        </fieldset>
        <SubmitButton>{t('create.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
