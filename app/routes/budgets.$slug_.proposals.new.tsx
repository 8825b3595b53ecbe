import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { ProposalForm } from '~/modules/budgets/components/proposal-form';
import { loadProcess, proposalChoices } from '~/modules/budgets/guards.server';
import { mayPropose } from '~/modules/budgets/policy';
import { readProposalForm } from '~/modules/budgets/proposal-form.server';
import { submitProposal } from '~/modules/budgets/proposals.server';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:proposal.newTitle');

/** A resident's new proposal, while the process takes proposals (else 403). */
async function guard(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const process = await loadProcess(slug);
  if (!mayPropose(user, process.phase)) throw refuse(fail.forbidden());
  return { user, process };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { process } = await guard(request, params.slug);
  return json({ process: { slug: process.slug, title: process.title, currency: process.currency }, ...(await proposalChoices(process)) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, process } = await guard(request, params.slug);
  const form = await readProposalForm(request);
  if (!form.ok) return form.reply;
  const result = await submitProposal(callerFor(user, context), process, form.input, form.photos);
  if (!result.ok) return respondToForm(form.submission, result);
  if (result.value.held)
    return redirectWithFlash(`/budgets/${process.slug}`, { kind: 'info', key: 'budgets:proposal.held' }, { status: 303 });
  return redirectWithFlash(
    `/budgets/${process.slug}/proposals/${result.value.id}`,
    { kind: 'success', key: 'budgets:proposal.submitted' },
    { status: 303 },
  );
}

export default function NewProposal() {
  const { t, i18n } = useTranslation('budgets');
  const { process, neighborhoods, categories } = useLoaderData<typeof loader>();
  const title = localized(process.title, i18n.language);
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/budgets/${process.slug}`} lang={title.lang}>
          {title.text}
        </Link>
      </p>
      <h1>{t('proposal.newTitle')}</h1>
      <p>{t('proposal.newIntro')}</p>
      <ProposalForm
        lastResult={useActionData<typeof action>()}
        neighborhoods={neighborhoods}
        categories={categories}
        currency={process.currency}
        submit={t('proposal.submit')}
      />
    </div>
  );
}
