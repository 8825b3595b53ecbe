import { randomUUID } from 'node:crypto';
import type { Tx } from '~/lib/db.server';
import { dateIn, startOfDayIn } from '~/lib/time';
import { tally } from '~/modules/budgets/tally/tally';
import { PHASES, type Phase } from '~/modules/budgets/values';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';

/**
 * The demo city's participatory budgets (docs/decisions/0024-participatory-budgeting.md): the
 * city-wide 2027 budget in its voting phase (the demo resident is a verified resident and may vote),
 * and Riverside's 2026 neighborhood budget, voted, counted and being built. Rows as the pages write
 * them (a forum per process, a thread per proposal; closed ballots written apart from their
 * receipts), without audit entries, notices or events.
 */
const DAY = 24 * 3600 * 1000;

type Proposal = { title: string; text: string; dollars: number; hood?: string; feasible: boolean; note?: { en: string; es: string } };

const CITY_2027: Proposal[] = [
  {
    title: 'Shade trees along Calle Rosa',
    text: 'Forty street trees on the sunniest blocks of Calle Rosa, with watering for three summers.',
    dollars: 120_000,
    hood: 'las-flores',
    feasible: true,
  },
  {
    title: 'Lights on the river path',
    text: 'Solar lights every 30 meters on the river path between Mill Street and the footbridge.',
    dollars: 180_000,
    hood: 'riverside',
    feasible: true,
  },
  {
    title: 'Covered bike parking at the library',
    text: 'A roofed rack for 30 bikes beside the main library entrance.',
    dollars: 45_000,
    hood: 'old-town',
    feasible: true,
  },
  {
    title: 'Splash pad in Northgate Park',
    text: 'A small splash pad for children, open June to September.',
    dollars: 210_000,
    hood: 'northgate-heights',
    feasible: true,
  },
  {
    title: 'Benches at every bus stop on Main Street',
    text: 'A bench and a bin at the twelve stops that have none.',
    dollars: 60_000,
    feasible: true,
  },
  {
    title: 'Free Wi-Fi in the plaza',
    text: 'Public Wi-Fi covering the Old Town plaza.',
    dollars: 35_000,
    hood: 'old-town',
    feasible: true,
  },
  {
    title: 'A new swimming pool',
    text: 'An Olympic pool for the city.',
    dollars: 4_500_000,
    feasible: false,
    note: {
      en: 'A pool costs far more than this whole budget, and its running costs would fall on the general fund every year.',
      es: 'Una piscina cuesta mucho más que el presupuesto entero, y su mantenimiento recaería cada año en el fondo general.',
    },
  },
];

const RIVERSIDE_2026: Proposal[] = [
  {
    title: 'Playground fence at Riverside Park',
    text: 'A low fence around the playground, with two gates.',
    dollars: 28_000,
    hood: 'riverside',
    feasible: true,
  },
  {
    title: 'Crosswalk at Mill and River',
    text: 'A raised, lit crosswalk at the school corner.',
    dollars: 42_000,
    hood: 'riverside',
    feasible: true,
  },
  {
    title: 'Community garden beds',
    text: 'Twenty raised beds and a tool shed on the empty lot by the river.',
    dollars: 25_000,
    hood: 'riverside',
    feasible: true,
  },
  {
    title: 'Mural on the underpass',
    text: 'A mural by local artists on the River Road underpass.',
    dollars: 15_000,
    hood: 'riverside',
    feasible: true,
  },
];

/** Approval sets of the Riverside vote (how many ballots chose each set), as a small neighborhood votes. */
const RIVERSIDE_BALLOTS: [number[], number][] = [
  [[0, 1], 14],
  [[1], 9],
  [[0, 2], 8],
  [[2, 3], 7],
  [[1, 3], 5],
  [[3], 4],
  [[0], 3],
];

export async function seedBudgets(
  tx: Tx,
  ctx: { now: number; timeZone: string; staffId: string; authors: string[]; voterId: string; neighborhoods: Record<string, string> },
) {
  const today = dateIn(new Date(ctx.now), ctx.timeZone);
  /** Back-to-back phases whose `current` one started `daysIn` days ago; each lasts `lengths[phase]` days. */
  const timeline = (current: Phase, daysIn: number, lengths: Record<Phase, number>) => {
    const at = PHASES.indexOf(current);
    let start = -daysIn - PHASES.slice(0, at).reduce((sum, p) => sum + lengths[p], 0);
    return PHASES.map((phase) => {
      const row = {
        phase,
        startsAt: startOfDayIn(today, ctx.timeZone, start),
        endsAt: startOfDayIn(today, ctx.timeZone, start + lengths[phase]),
      };
      start += lengths[phase];
      return row;
    });
  };
  const lengths = { information: 14, proposals: 28, review: 14, voting: 21, results: 7, implementation: 365 };

  async function process(p: {
    slug: string;
    title: { en: string; es: string };
    description: { en: string; es: string };
    dollars: number;
    scope: 'city' | 'neighborhoods';
    hood?: string;
    votingMethod: 'approval' | 'knapsack';
    maxChoices: number | null;
    rule: 'greedy' | 'equal_shares';
    phase: Phase;
    daysIn: number;
    proposals: Proposal[];
  }) {
    const channel = await tx.channel.create({
      data: { slug: `budget-${p.slug}`, kind: 'budget', name: p.title, description: p.description, visibility: 'public' },
    });
    const row = await tx.budgetProcess.create({
      data: {
        slug: p.slug,
        title: p.title,
        description: p.description,
        currency: 'USD',
        total: BigInt(p.dollars) * 100n,
        scope: p.scope,
        votingMethod: p.votingMethod,
        minChoices: 1,
        maxChoices: p.maxChoices,
        rule: p.rule,
        phase: p.phase,
        channelId: channel.id,
        createdById: ctx.staffId,
        phases: { create: timeline(p.phase, p.daysIn, lengths) },
        scopes: p.hood ? { create: [{ neighborhoodId: ctx.neighborhoods[p.hood], amount: BigInt(p.dollars) * 100n }] } : undefined,
      },
    });
    const ids: string[] = [];
    for (const [i, proposal] of p.proposals.entries()) {
      const author = ctx.authors[i % ctx.authors.length];
      const doc = fromPlainText(proposal.text);
      const createdAt = new Date(ctx.now - (p.daysIn + 30 - i) * DAY);
      const thread = await tx.thread.create({
        data: { channelId: channel.id, authorId: author, title: proposal.title, createdAt, lastActivityAt: createdAt },
      });
      await tx.post.create({
        data: { threadId: thread.id, authorId: author, isOpening: true, body: doc as never, text: toPlainText(doc), createdAt },
      });
      await tx.follow.create({ data: { userId: author, targetKind: 'thread', targetId: thread.id, level: 'follow' } });
      const created = await tx.proposal.create({
        data: {
          processId: row.id,
          authorId: author,
          title: proposal.title,
          body: doc as never,
          text: toPlainText(doc),
          cost: BigInt(proposal.dollars) * 100n,
          neighborhoodId: proposal.hood ? ctx.neighborhoods[proposal.hood] : null,
          threadId: thread.id,
          feasibility: proposal.feasible ? 'feasible' : 'unfeasible',
          feasibilityNote: proposal.note,
          createdAt,
        },
      });
      // Supports from the other authors, so the list has an order.
      const supporters = ctx.authors.filter((a) => a !== author).slice(0, (p.proposals.length - i) % ctx.authors.length);
      for (const userId of supporters) await tx.proposalSupport.create({ data: { proposalId: created.id, userId } });
      await tx.proposal.update({ where: { id: created.id }, data: { supportCount: supporters.length } });
      ids.push(created.id);
    }
    return { id: row.id, ids };
  }

  await process({
    slug: 'city-budget-2027',
    title: { en: 'Participatory budget 2027', es: 'Presupuesto participativo 2027' },
    description: {
      en: 'Half a million dollars of the 2027 capital budget, for projects residents propose and choose. Vote for up to three projects.',
      es: 'Medio millón de dólares del presupuesto de inversiones de 2027, para proyectos que proponen y eligen los vecinos. Vote hasta tres proyectos.',
    },
    dollars: 500_000,
    scope: 'city',
    votingMethod: 'approval',
    maxChoices: 3,
    rule: 'equal_shares',
    phase: 'voting',
    daysIn: 4,
    proposals: CITY_2027,
  });
  // The demo resident's residency is verified, so the demo can vote.
  await tx.residency.create({
    data: { userId: ctx.voterId, neighborhoodId: ctx.neighborhoods['las-flores'], method: 'staff', verifiedById: ctx.staffId },
  });

  const riverside = await process({
    slug: 'riverside-2026',
    title: { en: 'Riverside neighborhood budget 2026', es: 'Presupuesto del barrio de Riverside 2026' },
    description: {
      en: 'One hundred thousand dollars for Riverside, chosen by its residents. Choose projects whose costs fit the budget.',
      es: 'Cien mil dólares para Riverside, elegidos por sus vecinos. Elija proyectos cuyos costes quepan en el presupuesto.',
    },
    dollars: 100_000,
    scope: 'neighborhoods',
    hood: 'riverside',
    votingMethod: 'knapsack',
    maxChoices: null,
    rule: 'greedy',
    phase: 'implementation',
    daysIn: 40,
    proposals: RIVERSIDE_2026,
  });
  // Its closed vote: anonymous ballots in shuffled order, as the close writes them, and the count.
  const ballots: string[][] = RIVERSIDE_BALLOTS.flatMap(([set, n]) => Array.from({ length: n }, () => set.map((i) => riverside.ids[i])));
  for (const choices of ballots) {
    await tx.ballot.create({
      data: {
        id: randomUUID(),
        processId: riverside.id,
        neighborhoodId: ctx.neighborhoods.riverside,
        source: 'web',
        choices: { create: choices.map((proposalId) => ({ proposalId })) },
      },
    });
  }
  const funded = tally(
    {
      budget: 100_000_00n,
      projects: riverside.ids.map((id, i) => ({ id, cost: BigInt(RIVERSIDE_2026[i].dollars) * 100n })),
      ballots,
      currencyUnit: 100n,
    },
    'greedy',
  );
  for (const id of riverside.ids) {
    await tx.proposal.update({
      where: { id },
      data: {
        votes: ballots.filter((b) => b.includes(id)).length,
        fundedRank: funded.includes(id) ? funded.indexOf(id) + 1 : null,
        progress: funded.includes(id) ? 'in_progress' : null,
      },
    });
    if (funded.includes(id))
      await tx.proposalUpdate.create({
        data: {
          proposalId: id,
          authorId: ctx.staffId,
          progress: 'in_progress',
          body: {
            en: 'The design is approved; work starts next month.',
            es: 'El diseño está aprobado; las obras empiezan el mes que viene.',
          },
          createdAt: new Date(ctx.now - 10 * DAY),
        },
      });
  }
  const closedAt = new Date(ctx.now - 40 * DAY - 7 * DAY);
  await tx.budgetProcess.update({ where: { id: riverside.id }, data: { closedAt, countedAt: closedAt } });
}
