import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { FormErrors, PostForm, replyFor, SelectField, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { replyForm, respondToForm, withRetryAfter } from '~/lib/respond.server';
import type { Result } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { verifyByAddress } from '~/modules/budgets/eligibility/census.server';
import { residenciesOf } from '~/modules/budgets/eligibility/eligibility.server';
import { requestLetter, verifyByCode } from '~/modules/budgets/eligibility/letters.server';
import { lettersOf } from '~/modules/budgets/eligibility/queries.server';
import { ResidencyActionSchema, type ResidencyAction } from '~/modules/budgets/eligibility/schemas';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { requireUser } from '~/modules/identity/guards.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'eligibility:resident.title');

/** A rate-limited code keeps the form on the page with its Retry-After (respond.server.ts). */
export const headers: HeadersFunction = withRetryAfter;

/** A signed-in person's residency for participatory budgets: where they are verified, and the ways to be. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [residencies, letters, neighborhoods] = await Promise.all([residenciesOf(user.id), lettersOf(user.id), neighborhoodOptions()]);
  return json(
    {
      residencies: residencies.map((r) => ({ ...r, verifiedAt: r.verifiedAt.toISOString() })),
      letters: letters.map((l) => ({
        address: l.address,
        neighborhood: l.neighborhood.name as LocalizedText,
        createdAt: l.createdAt.toISOString(),
        status: l.usedAt ? 'used' : l.printedAt ? 'sent' : 'pending',
      })),
      neighborhoods,
      homeNeighborhoodId: user.neighborhoodId,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, ResidencyActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const input = submission.value;
  let result: Result<unknown>;
  if (input.intent === 'address') result = await verifyByAddress(caller, { address: input.address });
  else if (input.intent === 'code') result = await verifyByCode(caller, { code: input.code });
  else result = await requestLetter(caller, { neighborhoodId: input.neighborhoodId, address: input.postalAddress });
  // Too many attempts: the form stays, with what was typed and how long to wait (429, Retry-After).
  if (!result.ok) return result.code === 'rateLimited' ? replyForm(submission, result) : respondToForm(submission, result);
  const key = input.intent === 'letter' ? 'eligibility:flash.letterRequested' : 'eligibility:flash.verified';
  return redirectWithFlash('/account/residency', { kind: 'success', key }, { status: 303 });
}

export default function Residency() {
  const { t, i18n } = useTranslation('eligibility');
  const { city } = useRootData();
  const { residencies, letters, neighborhoods, homeNeighborhoodId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const name = (value: unknown) => localized(value as LocalizedText, lng).text;
  const day = (value: string) => <time dateTime={value}>{formatDate(value, lng, city.timeZone)}</time>;
  // A pending letter hides the form, unless it has just refused a second one (its message shows there).
  const pending = letters.some((l) => l.status === 'pending') && !replyFor(lastResult, 'letter');
  const sent = letters.some((l) => l.status === 'sent');
  return (
    <div className="stack">
      <h1>{t('resident.title')}</h1>
      <AccountNav />
      <p>{t('resident.intro')}</p>

      <Card title={t('resident.verifiedTitle')} id="verified">
        {residencies.length === 0 ? (
          <p>{t('resident.none')}</p>
        ) : (
          <ul>
            {residencies.map((r) => (
              <li key={r.neighborhoodId}>
                <strong>{name(r.name)}</strong>{' '}
                <span className="muted">
                  {t(`methods.${r.method}`)} · {day(r.verifiedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <IntentCard
        intent="address"
        lastResult={lastResult}
        title={t('resident.addressTitle')}
        intro={t('resident.addressIntro')}
        submit={t('resident.addressSubmit')}
      >
        {(fields) => (
          <>
            <TextField
              label={t('resident.address')}
              hint={t('resident.addressHint')}
              field={fields.address}
              autoComplete="street-address"
            />
            {fields.address.errors?.includes('eligibility:errors.noMatch') ? (
              <p>
                <a href="#letter-title">{t('resident.tryLetter')}</a>
              </p>
            ) : null}
          </>
        )}
      </IntentCard>

      <IntentCard
        intent="letter"
        lastResult={lastResult}
        title={t('resident.letterTitle')}
        intro={t('resident.letterIntro')}
        submit={t('resident.letterSubmit')}
        defaultValue={{ neighborhoodId: homeNeighborhoodId ?? '' }}
        hidden={pending}
        before={
          letters.length ? (
            <ul>
              {letters.map((l, i) => (
                <li key={i}>
                  {t(`resident.letterStatus.${l.status}`, { neighborhood: name(l.neighborhood) })}{' '}
                  <span className="muted">{day(l.createdAt)}</span>
                </li>
              ))}
            </ul>
          ) : null
        }
      >
        {(fields) => (
          <>
            <SelectField
              label={t('resident.neighborhood')}
              field={fields.neighborhoodId}
              options={[
                { value: '', label: t('resident.chooseNeighborhood') },
                ...neighborhoods.map((n) => ({ value: n.id, label: name(n.name) })),
              ]}
            />
            <TextArea
              label={t('resident.postalAddress')}
              hint={t('resident.postalAddressHint')}
              field={fields.postalAddress}
              rows={3}
              autoComplete="street-address"
            />
          </>
        )}
      </IntentCard>

      <IntentCard
        intent="code"
        lastResult={lastResult}
        title={t('resident.codeTitle')}
        intro={sent ? t('resident.codeIntro') : t('resident.codeIntroNoLetter')}
        submit={t('resident.codeSubmit')}
      >
        {(fields) => (
          <TextField
            label={t('resident.code')}
            hint={t('resident.codeHint')}
            field={fields.code}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
          />
        )}
      </IntentCard>
    </div>
  );
}

type ResidencyFields = ReturnType<typeof useSchemaForm<typeof ResidencyActionSchema>>[1];

/** One way to verify: a titled card with its form, which shows only its own errors and kept input. */
function IntentCard({
  intent,
  lastResult,
  title,
  intro,
  submit,
  defaultValue,
  hidden = false,
  before,
  children,
}: {
  intent: ResidencyAction['intent'];
  lastResult: unknown;
  title: string;
  intro: string;
  submit: string;
  defaultValue?: Record<string, string>;
  hidden?: boolean;
  before?: ReactNode;
  children: (fields: ResidencyFields) => ReactNode;
}) {
  const [form, fields] = useSchemaForm(ResidencyActionSchema, { lastResult: replyFor(lastResult, intent), id: intent, defaultValue });
  return (
    <Card title={title} id={`${intent}-title`} boxed>
      <p>{intro}</p>
      {before}
      {hidden ? null : (
        <PostForm form={form}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value={intent} />
          {children(fields)}
          <SubmitButton>{submit}</SubmitButton>
        </PostForm>
      )}
    </Card>
  );
}
