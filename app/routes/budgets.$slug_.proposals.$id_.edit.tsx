import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { ProposalForm } from '~/modules/budgets/components/proposal-form';
import { loadProcess, proposalChoices } from '~/modules/budgets/guards.server';
import { amountText } from '~/modules/budgets/money';
import { mayEditProposal } from '~/modules/budgets/policy';
import { readProposalForm } from '~/modules/budgets/proposal-form.server';
import { proposalPage } from '~/modules/budgets/proposal-queries.server';
import { editProposal } from '~/modules/budgets/proposals.server';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budgets:proposal.editTitle');

/** The author's edit of their proposal, until the proposals phase ends (else 403). */
async function guard(request: Request, slug: string | undefined, id: string | undefined) {
  const user = await requireUser(request);
  const process = await loadProcess(slug);
  const proposal = id ? await proposalPage(process.id, id, user.id) : null;
  if (!proposal) throw refuse(fail.notFound());
  if (!mayEditProposal(user, proposal, process.phase)) throw refuse(fail.forbidden());
  return { user, process, proposal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { process, proposal } = await guard(request, params.slug, params.id);
  return json(
    {
      process: { slug: process.slug, currency: process.currency },
      proposal: {
        id: proposal.id,
        body: proposal.body,
        photos: proposal.photos,
        values: {
          title: proposal.title,
          cost: amountText(BigInt(proposal.cost), process.currency),
          neighborhoodId: proposal.neighborhoodId ?? '',
          categoryId: proposal.categoryId ?? '',
          address: proposal.address ?? '',
        },
      },
      ...(await proposalChoices(process)),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, process, proposal } = await guard(request, params.slug, params.id);
  const form = await readProposalForm(request);
  if (!form.ok) return form.reply;
  const result = await editProposal(callerFor(user, context), process, proposal, form.input, form.photos);
  if (!result.ok) return respondToForm(form.submission, result);
  return redirectWithFlash(
    `/budgets/${process.slug}/proposals/${proposal.id}`,
    { kind: 'success', key: 'budgets:proposal.saved' },
    { status: 303 },
  );
}

export default function EditProposal() {
  const { t } = useTranslation('budgets');
  const { process, proposal, neighborhoods, categories } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/budgets/${process.slug}/proposals/${proposal.id}`}>{proposal.values.title}</Link>
      </p>
      <h1>{t('proposal.editTitle')}</h1>
      <ProposalForm
        lastResult={useActionData<typeof action>()}
        neighborhoods={neighborhoods}
        categories={categories}
        currency={process.currency}
        defaultValue={proposal.values}
        initialDoc={proposal.body}
        photos={{ current: proposal.photos, href: (id) => `/budgets/${process.slug}/proposals/${proposal.id}/photos/${id}` }}
        submit={t('proposal.save')}
      />
    </div>
  );
}
