import { db } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';

/**
 * A person's participatory-budget data for their data export: the proposals they wrote (with
 * links to their photos), the proposals they support, and the processes they voted in. What a
 * ballot chose is not theirs to export: it is sealed apart from the voter and, after the close,
 * stored with nothing that leads back to them (docs/decisions/0024-participatory-budgeting.md).
 */
export async function budgetsExportOf(userId: string) {
  const [proposals, supports, receipts] = await Promise.all([
    db().proposal.findMany({
      where: { authorId: userId },
      select: {
        id: true,
        title: true,
        text: true,
        cost: true,
        address: true,
        latitude: true,
        longitude: true,
        status: true,
        feasibility: true,
        createdAt: true,
        updatedAt: true,
        process: { select: { slug: true } },
        neighborhood: { select: { slug: true } },
      },
      orderBy: { createdAt: 'asc' },
    }),
    db().proposalSupport.findMany({
      where: { userId },
      select: { createdAt: true, proposal: { select: { id: true, title: true, process: { select: { slug: true } } } } },
      orderBy: { createdAt: 'asc' },
    }),
    db().ballotReceipt.findMany({
      where: { userId },
      select: { source: true, votedOn: true, version: true, process: { select: { slug: true } } },
      orderBy: { votedOn: 'asc' },
    }),
  ]);
  const photos = await db().attachment.findMany({
    where: { ownerKind: 'proposal', ownerId: { in: proposals.map((p) => p.id) } },
    select: { id: true, ownerId: true, mimeType: true, size: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const base = getEnv().PUBLIC_URL;
  return {
    budgetProposals: proposals.map(({ process, neighborhood, cost, ...p }) => ({
      ...p,
      process: process.slug,
      neighborhood: neighborhood?.slug ?? null,
      // Minor units of the process's currency, as text (JSON has no bigint).
      cost: cost.toString(),
      photos: photos
        .filter((ph) => ph.ownerId === p.id)
        .map(({ ownerId: _owner, id, ...ph }) => ({ ...ph, url: `${base}/budgets/${process.slug}/proposals/${p.id}/photos/${id}` })),
    })),
    budgetProposalsSupported: supports.map(({ proposal, createdAt }) => ({
      process: proposal.process.slug,
      proposal: proposal.id,
      title: proposal.title,
      createdAt,
    })),
    budgetVotes: receipts.map(({ process, ...r }) => ({ process: process.slug, ...r })),
  };
}
