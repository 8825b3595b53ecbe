import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { expectAnswer } from '../support/authorization';
import { advanceAs, createProcessAs, markFeasible, proposeAs, verifiedVoter } from '../support/budgets';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Voting and the close on the real server (docs/decisions/0024-participatory-budgeting.md): only
 * verified residents of the scope vote, once, with a ballot they may change until the close and
 * that nothing readable ties to them; the budget limit and the ballot size are enforced on the
 * server; paper ballots by staff; the close separates ballots from voters and counts them.
 */
const server = withTestServer();
const sql = sqlOf(server);
let staff: Client;
let hood = '';
let otherHood = '';

/** A process at its voting phase with three feasible projects, and their ids. */
async function votingProcess(slug: string, overrides: Record<string, string | string[]> = {}) {
  await createProcessAs(staff, slug, overrides);
  await advanceAs(staff, slug, 'information');
  const author = (await newResident(server.url, server.database.url)).client;
  const ids = {
    park: await proposeAs(author, slug, 'Park lights', '100000'),
    bench: await proposeAs(author, slug, 'Benches', '60000'),
    bikes: await proposeAs(author, slug, 'Bike racks', '50000'),
  };
  for (const [id, cost] of [
    [ids.park, '100000'],
    [ids.bench, '60000'],
    [ids.bikes, '50000'],
  ])
    await markFeasible(staff, slug, id, cost);
  await advanceAs(staff, slug, 'proposals');
  await advanceAs(staff, slug, 'review');
  return ids;
}

async function vote(client: Client, slug: string, choices: string[]) {
  const page = await client.page(`/budgets/${slug}/vote`);
  const version = /name="version" value="(\d+)"/.exec(page)?.[1] ?? '0';
  return client.post(`/budgets/${slug}/vote`, { choices, version });
}

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
  const rows = (await sql(`SELECT id FROM "Neighborhood" ORDER BY slug`)) as { id: string }[];
  [hood, otherHood] = [rows[0].id, rows[1].id];
});

describe('voting', () => {
  it('lets only verified residents vote, in the voting phase; others learn how to get verified', async () => {
    const ids = await votingProcess('who-votes');
    const path = '/budgets/who-votes/vote';
    await expectAnswer(await new Client(server.url).get(path), 'signin', path);
    const unverified = (await newResident(server.url, server.database.url)).client;
    const page = textOf(await unverified.page(path));
    expect(page).toContain('Verify where you live first');
    expect(page).not.toContain('Park lights');
    expect((await unverified.post(path, { choices: [ids.park], version: '0' })).status).toBe(403);
    const voter = await verifiedVoter(server, staff, hood);
    expect((await vote(voter.client, 'who-votes', [ids.park])).status).toBe(303);
    expect(textOf(await voter.client.page(path))).toContain('This is your ballot as recorded.');
    expect(
      await sql(
        `SELECT "userId", source, sealed FROM "BallotReceipt" r JOIN "BudgetProcess" p ON p.id = r."processId" WHERE p.slug = 'who-votes'`,
      ),
    ).toEqual([{ userId: voter.id, source: 'web', sealed: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) }]);
    // The sealed ballot does not show the choice.
    const [{ sealed }] = (await sql(`SELECT sealed FROM "BallotReceipt" WHERE "userId" = $1`, [voter.id])) as { sealed: string }[];
    expect(sealed).not.toContain(ids.park);
    // A budget of one neighborhood: a resident verified elsewhere may not vote in it.
    const local = await votingProcess('one-hood', { scope: 'neighborhoods', neighborhoods: [hood] });
    const elsewhere = await verifiedVoter(server, staff, otherHood);
    expect(textOf(await elsewhere.client.page('/budgets/one-hood/vote'))).toContain('Verify where you live first');
    expect((await elsewhere.client.post('/budgets/one-hood/vote', { choices: [local.park], version: '0' })).status).toBe(403);
    expect((await vote(voter.client, 'one-hood', [local.park])).status).toBe(303);
    await createProcessAs(staff, 'not-yet');
    await expectAnswer(await voter.client.get('/budgets/not-yet/vote'), 403, '/budgets/not-yet/vote');
  });

  it('enforces the ballot on the server: size for approval, the budget for a budget ballot, projects of the ballot only', async () => {
    const ids = await votingProcess('ballot-rules', { minChoices: '1', maxChoices: '2' });
    const voter = await verifiedVoter(server, staff, hood);
    for (const [choices, message] of [
      [[], 'Choose at least 1 project.'],
      [[ids.park, ids.bench, ids.bikes], 'Choose at most 2 projects.'],
      [[ids.park, 'not-a-project'], 'Choose only projects on your ballot'],
      [[ids.park, ids.park], 'Choose only projects on your ballot'],
    ] as [string[], string][]) {
      const res = await vote(voter.client, 'ballot-rules', choices);
      expect(res.status, message).toBe(400);
      expect(textOf(await res.text())).toContain(message);
    }
    const knapsack = await votingProcess('knapsack-rules', { votingMethod: 'knapsack', total: '150000' });
    const other = await verifiedVoter(server, staff, hood);
    const over = await vote(other.client, 'knapsack-rules', [knapsack.park, knapsack.bench]);
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(textOf(html)).toContain('The projects you chose cost more than the budget.');
    // The choices are kept.
    expect(html).toMatch(new RegExp(`value="${knapsack.park}"[^>]*checked|checked[^>]*value="${knapsack.park}"`));
    expect((await vote(other.client, 'knapsack-rules', [knapsack.park, knapsack.bikes])).status).toBe(303);
    expect(await sql(`SELECT 1 FROM "BallotReceipt" WHERE "userId" = $1`, [voter.id])).toHaveLength(0);
  });

  it('leaves off the ballot a project whose discussion’s opening post moderation hid', async () => {
    const ids = await votingProcess('hidden-opening');
    const [post] = (await sql(
      `SELECT p.id FROM "Post" p JOIN "Proposal" pr ON pr."threadId" = p."threadId" WHERE pr.id = $1 AND p."isOpening" = true`,
      [ids.bikes],
    )) as { id: string }[];
    await staff.page('/moderation');
    expect((await staff.post('/moderation', { intent: 'hide', postId: post.id, reason: 'Advertising is not allowed' })).status).toBe(303);
    const voter = await verifiedVoter(server, staff, hood);
    const page = textOf(await voter.client.page('/budgets/hidden-opening/vote'));
    expect(page).toContain('Park lights');
    expect(page).not.toContain('Bike racks');
    const res = await vote(voter.client, 'hidden-opening', [ids.bikes]);
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Choose only projects on your ballot');
  });

  it('keeps one ballot per person, changeable; two submissions built on the same ballot make one change and one 409', async () => {
    const ids = await votingProcess('one-ballot');
    const voter = await verifiedVoter(server, staff, hood);
    expect((await vote(voter.client, 'one-ballot', [ids.park])).status).toBe(303);
    expect((await vote(voter.client, 'one-ballot', [ids.bench])).status).toBe(303);
    const receipts = (await sql(`SELECT version FROM "BallotReceipt" WHERE "userId" = $1`, [voter.id])) as { version: number }[];
    expect(receipts).toEqual([{ version: 2 }]);
    const page = await voter.client.page('/budgets/one-ballot/vote');
    expect(page).toMatch(new RegExp(`value="${ids.bench}"[^>]*checked|checked[^>]*value="${ids.bench}"`));
    const answers = await Promise.all([
      voter.client.post('/budgets/one-ballot/vote', { choices: [ids.park], version: '2' }),
      voter.client.post('/budgets/one-ballot/vote', { choices: [ids.bikes], version: '2' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await sql(`SELECT version FROM "BallotReceipt" WHERE "userId" = $1`, [voter.id])).toEqual([{ version: 3 }]);
    // The voter's data export says they voted, never what they chose.
    const exported = (await (await voter.client.get('/account/export')).json()) as Record<string, unknown>;
    expect(exported.budgetVotes).toEqual([{ process: 'one-ballot', source: 'web', votedOn: expect.any(String), version: 3 }]);
    expect(JSON.stringify(exported)).not.toContain(ids.park);
    // Two first ballots at once: one receipt.
    const fresh = await verifiedVoter(server, staff, hood);
    await fresh.client.page('/budgets/one-ballot/vote');
    const firsts = await Promise.all([
      fresh.client.post('/budgets/one-ballot/vote', { choices: [ids.park], version: '0' }),
      fresh.client.post('/budgets/one-ballot/vote', { choices: [ids.bikes], version: '0' }),
    ]);
    expect(firsts.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await sql(`SELECT 1 FROM "BallotReceipt" WHERE "userId" = $1`, [fresh.id])).toHaveLength(1);
  });

  it('lets staff enter paper ballots, refused to residents', async () => {
    const ids = await votingProcess('paper');
    const path = '/staff/budgets/paper/paper';
    const resident = (await newResident(server.url, server.database.url)).client;
    await expectAnswer(await resident.get(path), 403, path);
    await staff.page(path);
    expect((await staff.post(path, { neighborhoodId: '', choices: [ids.park] })).status).toBe(400);
    expect((await staff.post(path, { neighborhoodId: hood, choices: [ids.park, ids.bikes] })).status).toBe(303);
    expect(
      await sql(`SELECT "userId", source FROM "BallotReceipt" r JOIN "BudgetProcess" p ON p.id = r."processId" WHERE p.slug = 'paper'`),
    ).toEqual([{ userId: null, source: 'paper' }]);
    expect(textOf(await staff.page('/staff/budgets/paper'))).toContain('Ballots so far: 0 on the web, 1 on paper.');
  });
});

describe('the close', () => {
  it('opens the ballots apart from the voters, counts them by the rule and publishes the results', async () => {
    const ids = await votingProcess('closing', { total: '160000', maxChoices: '3' });
    const ballots = [[ids.park], [ids.park, ids.bench], [ids.bench, ids.bikes], [ids.park, ids.bikes], [ids.bikes]];
    const voters = [];
    for (const choices of ballots) {
      const voter = await verifiedVoter(server, staff, hood);
      voters.push(voter);
      expect((await vote(voter.client, 'closing', choices)).status).toBe(303);
    }
    // Before the close, no count anywhere.
    expect(textOf(await new Client(server.url).page('/budgets/closing'))).not.toContain('ballots counted');
    expect((await new Client(server.url).get('/budgets/closing/results.csv')).status).toBe(409);
    await advanceAs(staff, 'closing', 'voting');
    const [process] = (await sql(`SELECT id, phase, "closedAt", "countedAt" FROM "BudgetProcess" WHERE slug = 'closing'`)) as {
      id: string;
      phase: string;
      closedAt: unknown;
      countedAt: unknown;
    }[];
    expect(process.phase).toBe('results');
    expect(process.closedAt).not.toBeNull();
    expect(process.countedAt).not.toBeNull();
    expect(await sql(`SELECT 1 FROM "BallotReceipt" WHERE "processId" = $1 AND sealed IS NOT NULL`, [process.id])).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM "BallotReceipt" WHERE "processId" = $1`, [process.id])).toHaveLength(5);
    const counted = (await sql(
      `SELECT b.id, b."neighborhoodId", b.source, c."proposalId" FROM "Ballot" b JOIN "BallotChoice" c ON c."ballotId" = b.id WHERE b."processId" = $1`,
      [process.id],
    )) as { id: string; proposalId: string }[];
    expect(counted).toHaveLength(8);
    const receiptIds = ((await sql(`SELECT id FROM "BallotReceipt" WHERE "processId" = $1`, [process.id])) as { id: string }[]).map(
      (r) => r.id,
    );
    expect(counted.every((c) => !receiptIds.includes(c.id))).toBe(true);
    // Votes: park 3, bench 2, bikes 3. Greedy by votes (ties by id as text) within 160,000.
    const rows = (await sql(`SELECT id, votes, "fundedRank" FROM "Proposal" WHERE "processId" = $1 AND feasibility = 'feasible'`, [
      process.id,
    ])) as {
      id: string;
      votes: number;
      fundedRank: number | null;
    }[];
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect([byId[ids.park].votes, byId[ids.bench].votes, byId[ids.bikes].votes]).toEqual([3, 2, 3]);
    const [first, second] = [ids.park, ids.bikes].sort();
    expect(byId[first].fundedRank).toBe(1);
    // park (100,000) + bikes (50,000) fit; bench (60,000) then no longer does.
    expect(byId[second].fundedRank).toBe(2);
    expect(byId[ids.bench].fundedRank).toBeNull();
    const page = textOf(await new Client(server.url).page('/budgets/closing'));
    expect(page).toContain('5 ballots counted. 2 projects funded, costing $150,000.00 together.');
    // Turnout by neighborhood and source, and the CSV of what the page lists.
    expect(page).toMatch(/Turnout by neighborhood and source Neighborhood How Ballots \S[^$]* On the web 5/);
    const csv = (await (await new Client(server.url).get('/budgets/closing/results.csv')).text()).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Project,Votes,Cost,Funded,Funded in order,Neighborhood');
    expect(lines.slice(1).sort()).toEqual(
      [
        `Benches,2,60000.00,Not funded,,`,
        `Bike racks,3,50000.00,Funded,${first === ids.bikes ? 1 : 2},`,
        `Park lights,3,100000.00,Funded,${first === ids.park ? 1 : 2},`,
      ].sort(),
    );
    // Voting is over: ballots are refused, and the close cannot run twice.
    await expectAnswer(await voters[0].client.get('/budgets/closing/vote'), 403, '/budgets/closing/vote');
    await voters[0].client.get('/');
    expect((await voters[0].client.post('/budgets/closing/vote', { choices: [ids.bench], version: '1' })).status).toBe(403);
    await staff.page('/staff/budgets/closing');
    expect((await staff.post('/staff/budgets/closing', { intent: 'advance', from: 'voting' })).status).toBe(409);
    expect(await sql(`SELECT 1 FROM "Ballot" WHERE "processId" = $1`, [process.id])).toHaveLength(5);

    // Implementation: staff report a funded project's progress; its discussion's followers are told.
    const funded = `/budgets/closing/proposals/${first}`;
    const update = {
      intent: 'update',
      progress: 'in_progress',
      'body.en': 'Work starts in March.',
      'body.es': 'Las obras empiezan en marzo.',
    };
    await voters[0].client.page(funded);
    expect((await voters[0].client.post(funded, update)).status).toBe(403);
    await staff.page(`/budgets/closing/proposals/${ids.bench}`);
    expect((await staff.post(`/budgets/closing/proposals/${ids.bench}`, update)).status).toBe(403);
    await staff.page(funded);
    expect((await staff.post(funded, { ...update, 'body.en': '' })).status).toBe(400);
    expect((await staff.post(funded, update)).status).toBe(303);
    const notices = (await sql(`SELECT "userId", kind FROM "Notification" WHERE "targetId" = $1`, [first])) as { kind: string }[];
    expect(notices).toEqual([{ userId: expect.any(String), kind: 'project' }]);
    const projectPage = textOf(await new Client(server.url).page(funded));
    expect(projectPage).toContain('Project updates In progress');
    expect(projectPage).toContain('Work starts in March.');
    expect(projectPage).toContain('3 votes Funded In progress');
  });

  it('counts by the Method of Equal Shares when the process says so, funding what greedy would not', async () => {
    // Worked by hand: 10 voters with 16,000 each of the 160,000. Six approve park lights (100,000)
    // and benches (60,000); four approve bike racks (50,000). Park lights cost more than its six
    // supporters hold (96,000); benches cost them 10,000 each and are chosen first; bike racks cost
    // their four 12,500 each and come next. 110,000 spent and park lights no longer fit: the outcome
    // is exhaustive, so the completion adds nothing. Greedy would fund park lights and benches.
    const ids = await votingProcess('equal-shares', { total: '160000', maxChoices: '3', rule: 'equal_shares' });
    const ballots = [...Array(6).fill([ids.park, ids.bench]), ...Array(4).fill([ids.bikes])] as string[][];
    for (const choices of ballots) {
      const voter = await verifiedVoter(server, staff, hood);
      expect((await vote(voter.client, 'equal-shares', choices)).status).toBe(303);
    }
    await advanceAs(staff, 'equal-shares', 'voting');
    const rows = (await sql(
      `SELECT p.id, p.votes, p."fundedRank" FROM "Proposal" p JOIN "BudgetProcess" b ON b.id = p."processId" WHERE b.slug = 'equal-shares'`,
    )) as { id: string; votes: number; fundedRank: number | null }[];
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect([ids.park, ids.bench, ids.bikes].map((id) => [byId[id].votes, byId[id].fundedRank])).toEqual([
      [6, null],
      [6, 1],
      [4, 2],
    ]);
    expect(textOf(await new Client(server.url).page('/budgets/equal-shares'))).toContain(
      '10 ballots counted. 2 projects funded, costing $110,000.00 together.',
    );
  });
});
