import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { groupEntries, parseForm, parseObject, type FieldErrors } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { callerFor } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { readForm } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { newSubmissionKey } from '~/modules/requests/tracking/tracking-links.server';
import { AnswerFields } from '~/modules/requests/components/answer-fields';
import { DescriptionField, LocationFields } from '~/modules/requests/intake/components/intake-fields';
import { TypePicker } from '~/modules/requests/intake/components/type-picker';
import { linkPost, promotePost, unlinkPost, currentLinks } from '~/modules/requests/forum-links/forum-links.server';
import { readIntakeSubmission } from '~/modules/requests/intake/intake-form.server';
import { intakeSchema, PickerSearchSchema } from '~/modules/requests/intake/intake-schemas';
import { guessRequestType } from '~/modules/requests/forum-links/type-guess';
import { LinkCodeSchema, PromoteIntentSchema } from '~/modules/requests/forum-links/promote-schemas';
import { requirePromotable } from '~/modules/requests/guards.server';
import { getIntakeType, listPickerTypes, typeGuessCandidates } from '~/modules/requests/intake/intake-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:promote.title');

/**
 * "Create service request" from a forum post, for staff, liaisons, admins (and the channel's
 * moderators when the city allows it). Without a chosen type the page suggests one guessed from
 * the post, or shows the intake's type picker (`?pick=1`, `?q=`); with `?type=<code>` it shows
 * that type's form, the description prefilled from the post. The post can instead be linked to
 * an existing request by its code, and its links removed. Works without JavaScript.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { source, prefill } = await requirePromotable(request, params.id ?? '');
  const url = new URL(request.url);
  const search = parseObject(PickerSearchSchema, { q: url.searchParams.get('q') ?? undefined });
  const q = search.ok ? (search.data.q ?? '') : '';
  const picking = url.searchParams.has('pick') || url.searchParams.has('q');
  const asked = url.searchParams.get('type');
  const guessed = !asked && !picking ? guessRequestType(prefill, await typeGuessCandidates()) : null;
  const code = asked ?? guessed;
  const type = code && code.length <= 60 ? await getIntakeType(code) : null;
  if (asked && !type) throw json({ error: 'notFound' }, { status: 404 });
  const lng = await getLocale(request);
  const [groups, neighborhoods, links] = await Promise.all([
    type ? Promise.resolve([]) : listPickerTypes(lng, q || undefined),
    neighborhoodOptions(),
    currentLinks(source),
  ]);
  return json(
    {
      post: { id: source.postId, threadId: source.threadId, title: source.title, isOpening: source.isOpening },
      prefill,
      q,
      groups,
      guessed: !!type && !asked,
      type: type && {
        code: type.code,
        name: type.name,
        locationRequired: type.locationRequired,
        version: type.currentVersion,
        fields: type.fields,
      },
      neighborhoods,
      links,
      submissionKey: newSubmissionKey(),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

type IntakeValues = Record<string, string | string[]>;
type Failure = { ok: false; intent: string; errors: FieldErrors; values: IntakeValues };

/** Everything typed comes back on error (never the CSRF token). */
function keptValues(formData: FormData): IntakeValues {
  const values: IntakeValues = {};
  for (const [key, value] of Object.entries(groupEntries(formData.entries()))) {
    if (/csrf/.test(key)) continue;
    const all = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    values[key] = key.startsWith('a.') && all.length > 1 ? all : (all[0] ?? '');
  }
  return values;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, source } = await requirePromotable(request, params.id ?? '');
  const formData = await readForm(request);
  const caller = callerFor(user, context);
  const fail = (intent: string, errors: FieldErrors) =>
    json<Failure>({ ok: false, intent, errors, values: keptValues(formData) }, { status: 400 });
  const back = `/threads/${source.threadId}?from=${source.postId}#post-${source.postId}`;
  const intent = parseForm(PromoteIntentSchema, formData);
  if (!intent.ok) return fail('create', intent.errors);

  if (intent.data.intent === 'link' || intent.data.intent === 'unlink') {
    const form = parseForm(LinkCodeSchema, formData);
    // The unlink buttons carry their code: a problem there is about the whole form.
    const asForm = (errors: FieldErrors) => (intent.data.intent === 'unlink' ? { form: Object.values(errors).flat() } : errors);
    if (!form.ok) return fail(intent.data.intent, asForm(form.errors));
    const result =
      intent.data.intent === 'link' ? await linkPost(caller, source, form.data.code) : await unlinkPost(caller, source, form.data.code);
    if (!result.ok) {
      if (result.code !== 'invalid') throw refuse(result);
      const { '': whole = [], ...byField } = result.fieldErrors ?? {};
      return fail(intent.data.intent, asForm({ ...byField, ...(whole.length ? { form: whole } : {}) }));
    }
    if (intent.data.intent === 'unlink')
      return redirectWithFlash(
        `/posts/${source.postId}/promote`,
        { kind: 'success', key: 'requests:promote.done.unlink', values: { code: result.value.code } },
        { status: 303 },
      );
    return redirectWithFlash(
      back,
      { kind: 'success', key: 'requests:promote.done.link', values: { code: result.value.code } },
      { status: 303 },
    );
  }

  const typeCode = String(formData.get('type') ?? '');
  const type = typeCode && typeCode.length <= 60 ? await getIntakeType(typeCode) : null;
  if (!type) return fail('create', { form: ['requests:promote.errors.type'] });
  // A point alone is location enough here: staff may have coordinates but no address.
  const { submission, version, errors } = await readIntakeSubmission(formData, type, (fields) =>
    intakeSchema({ locationRequired: type.locationRequired, pointCounts: true }, fields),
  );
  if (submission.status !== 'success' || Object.keys(errors).length) {
    const { '': whole, ...byField } = (submission.status === 'success' ? {} : submission.error) ?? {};
    return fail('create', { ...(byField as FieldErrors), ...(whole?.length ? { form: whole } : {}), ...errors });
  }
  const input = submission.value;
  const filed = await promotePost(caller, source, { type, version, form: input, answers: input.a, locale: await getLocale(request) });
  if (!filed.ok) throw refuse(filed);
  return redirectWithFlash(
    back,
    { kind: 'success', key: 'requests:promote.done.create', values: { code: filed.value.code } },
    { status: 303 },
  );
}

export default function PromotePost() {
  const { t, i18n } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = i18n.language;
  const failed = result && !result.ok ? result : null;
  const errorsFor = (intent: string) => (failed?.intent === intent ? failed.errors : undefined);
  const values: IntakeValues = failed?.values ?? {};
  const text = (key: string, fallback = '') => {
    const v = values[key];
    return typeof v === 'string' ? v : fallback;
  };
  const self = `/posts/${data.post.id}/promote`;
  const typeName = data.type ? localized(data.type.name, lng) : null;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${data.post.threadId}?from=${data.post.id}#post-${data.post.id}`}>
          {t('promote.back', { title: data.post.title })}
        </Link>
      </p>
      <h1>{t('promote.title')}</h1>
      <p>{data.post.isOpening ? t('promote.introThread') : t('promote.introPost')}</p>

      {data.links.length ? (
        <section aria-labelledby="links-heading" className="stack">
          <h2 id="links-heading">{t('promote.linked')}</h2>
          <FormErrors errors={errorsFor('unlink')} />
          <ul className="people">
            {data.links.map((link) => (
              <li key={link.code}>
                <PostForm className="inline-form">
                  <input type="hidden" name="intent" value="unlink" />
                  <input type="hidden" name="code" value={link.code} />
                  <Link to={`/requests/${link.code}`}>{link.code}</Link>{' '}
                  <span className={`pill status-${link.status}`}>{t(`status.${link.status}`)}</span>{' '}
                  <button type="submit" className="button button-secondary">
                    {t('promote.unlink')}
                    <span className="visually-hidden"> {link.code}</span>
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.type && typeName ? (
        <section aria-labelledby="create-heading" className="stack">
          <h2 id="create-heading">
            {t('promote.createHeading')} <span lang={typeName.fellBack ? typeName.lang : undefined}>{typeName.text}</span>
          </h2>
          <p>
            {data.guessed ? `${t('promote.guessed')} ` : null}
            <Link to={`${self}?pick=1`}>{t('promote.changeType')}</Link>
          </p>
          <PostForm noValidate className="stack">
            <FormErrors errors={errorsFor('create')} />
            <input type="hidden" name="intent" value="create" />
            <input type="hidden" name="type" value={data.type.code} />
            <input type="hidden" name="version" value={data.type.version} />
            <input type="hidden" name="submissionKey" value={data.submissionKey} />
            <AnswerFields fields={data.type.fields} values={values} errors={errorsFor('create')} />
            <DescriptionField hint={t('promote.descriptionHint')} prefill={data.prefill} values={values} errors={errorsFor('create')} />
            <LocationFields
              locationRequired={data.type.locationRequired}
              pointCounts
              neighborhoods={data.neighborhoods}
              defaultNeighborhood=""
              values={values}
              errors={errorsFor('create')}
            />
            <SubmitButton disabled={navigation.state === 'submitting'}>{t('promote.submit')}</SubmitButton>
          </PostForm>
        </section>
      ) : (
        <section aria-labelledby="pick-heading" className="stack">
          <h2 id="pick-heading">{t('promote.pickHeading')}</h2>
          <FormErrors errors={errorsFor('create')} />
          <TypePicker
            q={data.q}
            groups={data.groups}
            basePath={self}
            typeHref={(code) => `${self}?type=${code}`}
            clearHref={`${self}?pick=1`}
            headingLevel={3}
          />
        </section>
      )}

      <section aria-labelledby="link-heading" className="stack">
        <h2 id="link-heading">{t('promote.linkHeading')}</h2>
        <p>{t('promote.linkIntro')}</p>
        <PostForm noValidate className="stack">
          <FormErrors errors={errorsFor('link')} />
          <input type="hidden" name="intent" value="link" />
          <TextField
            label={t('promote.code')}
            hint={t('promote.codeHint')}
            name="code"
            maxLength={20}
            autoCapitalize="characters"
            autoComplete="off"
            required
            defaultValue={failed?.intent === 'link' ? text('code') : ''}
            errors={errorsFor('link')}
          />
          <SubmitButton>{t('promote.linkSubmit')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
