import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { expectAnswer } from '../support/authorization';
import { advanceAs, createProcessAs } from '../support/budgets';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Proposals of a participatory budget on the real server: submitted with their discussion thread in
 * one go, supported once per person, changed or withdrawn by their author while proposals are open,
 * reviewed and merged by staff, and hidden by the forum's moderation; each rule with an allowed and
 * a denied actor, and the phase that closes it.
 */
const server = withTestServer();
const sql = sqlOf(server);
const SLUG = 'proposal-budget';
const BASE = `/budgets/${SLUG}`;
let staff: Client;
let author: Client;
let other: Client;
let categoryId = '';

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
  await createProcessAs(staff, SLUG);
  ({ client: author } = await newResident(server.url, server.database.url));
  ({ client: other } = await newResident(server.url, server.database.url));
  const [cat] = (await sql(
    `SELECT c.id FROM "BudgetCategory" c JOIN "BudgetProcess" p ON p.id = c."processId" WHERE p.slug = $1 ORDER BY c.position`,
    [SLUG],
  )) as { id: string }[];
  categoryId = cat.id;
});

const form = (title: string, extra: Record<string, string> = {}) => ({
  title,
  bodyText: `A longer description of ${title}.`,
  cost: '45,000',
  neighborhoodId: '',
  categoryId,
  address: 'Riverside Park',
  ...extra,
});

async function propose(client: Client, title: string, extra: Record<string, string> = {}) {
  await client.page(`${BASE}/proposals/new`);
  const res = await client.post(`${BASE}/proposals/new`, form(title, extra));
  expect(res.status, await res.clone().text()).toBe(303);
  const location = res.headers.get('location')!;
  return location.split('/').pop()!;
}

const proposalRow = async (id: string) =>
  (
    (await sql(`SELECT title, text, cost, status, feasibility, "supportCount", "threadId", "mergedIntoId" FROM "Proposal" WHERE id = $1`, [
      id,
    ])) as {
      title: string;
      text: string;
      cost: unknown;
      status: string;
      feasibility: string;
      supportCount: number;
      threadId: string;
      mergedIntoId: string | null;
    }[]
  )[0];

describe('proposals', () => {
  it('are closed before the proposals phase: anonymous sent to sign in, residents refused', async () => {
    await expectAnswer(await new Client(server.url).get(`${BASE}/proposals/new`), 'signin', `${BASE}/proposals/new`);
    await expectAnswer(await author.get(`${BASE}/proposals/new`), 403, `${BASE}/proposals/new`);
    await author.get('/');
    await expectAnswer(await author.post(`${BASE}/proposals/new`, form('Too early')), 403, `${BASE}/proposals/new`);
    expect(textOf(await new Client(server.url).page(BASE))).not.toContain('Propose a project');
    await advanceAs(staff, SLUG, 'information');
  });

  it('are submitted with their discussion thread, in the process forum', async () => {
    const id = await propose(author, 'Shade trees on Calle Rosa');
    const row = await proposalRow(id);
    expect(row).toMatchObject({ title: 'Shade trees on Calle Rosa', status: 'published', feasibility: 'pending', supportCount: 0 });
    expect(String(row.cost)).toBe('4500000');
    const [thread] = (await sql(`SELECT t.title, c.slug FROM "Thread" t JOIN "Channel" c ON c.id = t."channelId" WHERE t.id = $1`, [
      row.threadId,
    ])) as {
      title: string;
      slug: string;
    }[];
    expect(thread).toEqual({ title: 'Shade trees on Calle Rosa', slug: `budget-${SLUG}` });
    const page = textOf(await new Client(server.url).page(`${BASE}/proposals/${id}`));
    expect(page).toContain('A longer description of Shade trees on Calle Rosa.');
    expect(page).toContain('$45,000.00');
    expect(page).toContain('Not reviewed yet');
    expect(page).toContain('Sign in to support this proposal');
    expect(textOf(await new Client(server.url).page(BASE))).toContain('Shade trees on Calle Rosa');
    expect(textOf(await new Client(server.url).page(`/threads/${row.threadId}`))).toContain(
      'A longer description of Shade trees on Calle Rosa.',
    );
  });

  it('refuse bad input with the input kept, storing neither a proposal nor a thread', async () => {
    const before = await sql(`SELECT count(*) AS n FROM "Thread"`);
    for (const [extra, message] of [
      [{ cost: '0' }, 'Enter a cost above zero'],
      [{ cost: '250000.01' }, 'Enter a cost above zero'],
      [{ cost: 'lots' }, 'Enter a cost above zero'],
      [{ categoryId: 'not-a-category' }, 'Choose one of the options'],
      [{ neighborhoodId: 'nowhere' }, 'Choose one of the options'],
      [{ title: '' }, 'This field is required'],
    ] as [Record<string, string>, string][]) {
      await author.page(`${BASE}/proposals/new`);
      const res = await author.post(`${BASE}/proposals/new`, form('Kept title', extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      const html = await res.text();
      expect(textOf(html)).toContain(message);
      expect(html).toContain('A longer description of Kept title.');
    }
    expect(await sql(`SELECT 1 FROM "Proposal" WHERE title = 'Kept title'`)).toHaveLength(0);
    expect(await sql(`SELECT count(*) AS n FROM "Thread"`)).toEqual(before);
  });

  it('take one support per person, which can be taken back; visitors are sent to sign in', async () => {
    const id = await propose(author, 'Benches by the river');
    const path = `${BASE}/proposals/${id}`;
    await other.page(path);
    expect((await other.post(path, { intent: 'support' })).status).toBe(303);
    await other.page(path);
    expect((await other.post(path, { intent: 'support' })).status).toBe(303);
    expect((await proposalRow(id)).supportCount).toBe(1);
    expect(await sql(`SELECT 1 FROM "ProposalSupport" WHERE "proposalId" = $1`, [id])).toHaveLength(1);
    expect(textOf(await other.page(path))).toContain('Take back my support');
    expect((await other.post(path, { intent: 'unsupport' })).status).toBe(303);
    expect((await proposalRow(id)).supportCount).toBe(0);
    await expectAnswer(await new Client(server.url).post(path, { intent: 'support' }, { csrf: false }), 'signin', path);
  });

  it("are in their author's and their supporters' data exports, and in no one else's", async () => {
    const id = await propose(author, 'Drinking fountain');
    const path = `${BASE}/proposals/${id}`;
    await other.page(path);
    expect((await other.post(path, { intent: 'support' })).status).toBe(303);
    const exportOf = async (client: Client) => (await (await client.get('/account/export')).json()) as Record<string, unknown[]>;
    const [mine, theirs] = [await exportOf(author), await exportOf(other)];
    expect(mine.budgetProposals).toContainEqual(
      expect.objectContaining({ id, title: 'Drinking fountain', process: SLUG, cost: '4500000', address: 'Riverside Park', photos: [] }),
    );
    expect(mine.budgetProposalsSupported).toEqual([]);
    expect(theirs.budgetProposals).toEqual([]);
    expect(theirs.budgetProposalsSupported).toEqual([expect.objectContaining({ process: SLUG, proposal: id, title: 'Drinking fountain' })]);
  });

  it('are changed and withdrawn by their author only; the discussion keeps the old text as a revision', async () => {
    const id = await propose(author, 'Crosswalk at school');
    const path = `${BASE}/proposals/${id}`;
    await expectAnswer(await other.get(`${path}/edit`), 403, `${path}/edit`);
    await expectAnswer(await staff.get(`${path}/edit`), 403, `${path}/edit`);
    await author.page(`${path}/edit`);
    expect(author.lastHtml).toContain('value="45000.00"');
    expect((await author.post(`${path}/edit`, form('Raised crosswalk at the school', { cost: '60000' }))).status).toBe(303);
    const row = await proposalRow(id);
    expect(row).toMatchObject({ title: 'Raised crosswalk at the school' });
    expect(String(row.cost)).toBe('6000000');
    const [thread] = (await sql(`SELECT title FROM "Thread" WHERE id = $1`, [row.threadId])) as { title: string }[];
    expect(thread.title).toBe('Raised crosswalk at the school');
    expect(
      await sql(`SELECT 1 FROM "PostRevision" r JOIN "Post" p ON p.id = r."postId" WHERE p."threadId" = $1 AND p."isOpening" = true`, [
        row.threadId,
      ]),
    ).toHaveLength(1);
    await other.page(path);
    expect((await other.post(path, { intent: 'withdraw' })).status).toBe(403);
    await author.page(path);
    expect((await author.post(path, { intent: 'withdraw' })).status).toBe(303);
    expect((await proposalRow(id)).status).toBe('withdrawn');
    expect(textOf(await new Client(server.url).page(path))).toContain('Withdrawn by its author');
    expect(textOf(await new Client(server.url).page(BASE))).not.toContain('Raised crosswalk at the school');
  });

  it('disappear with their discussion when a moderator hides its opening post', async () => {
    const id = await propose(author, 'Advertising in disguise');
    const { threadId } = await proposalRow(id);
    const [post] = (await sql(`SELECT id FROM "Post" WHERE "threadId" = $1 AND "isOpening" = true`, [threadId])) as { id: string }[];
    // The demo moderator moderates other channels only; city staff moderate the budget forums.
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.page('/moderation');
    const hide = { intent: 'hide', postId: post.id, reason: 'Advertising is not allowed' };
    expect((await moderator.post('/moderation', hide)).status).toBe(403);
    expect((await new Client(server.url).get(`${BASE}/proposals/${id}`)).status).toBe(200);
    await staff.page('/moderation');
    expect((await staff.post('/moderation', hide)).status).toBe(303);
    expect((await new Client(server.url).get(`${BASE}/proposals/${id}`)).status).toBe(404);
    expect(textOf(await new Client(server.url).page(BASE))).not.toContain('Advertising in disguise');
  });

  it('filter by category and sort; an unknown category is a 400 with the form', async () => {
    const visitor = new Client(server.url);
    expect(textOf(await visitor.page(`${BASE}?category=${categoryId}&sort=cost`))).toContain('Shade trees on Calle Rosa');
    const bad = await visitor.get(`${BASE}?category=nope`);
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('Choose one of the options');
    expect((await visitor.get(`${BASE}?sort=sideways`)).status).toBe(400);
  });
});

describe('review and merge', () => {
  it('lets staff mark feasibility with a public explanation and a reviewed cost, audited; residents may not', async () => {
    const id = await propose(author, 'Skate park');
    const path = `${BASE}/proposals/${id}`;
    await other.page(path);
    expect((await other.post(path, { intent: 'review', feasibility: 'feasible', cost: '1' })).status).toBe(403);
    await staff.page(path);
    const noNote = await staff.post(path, { intent: 'review', feasibility: 'unfeasible', cost: '45000' });
    expect(noNote.status).toBe(400);
    expect(textOf(await noNote.text())).toContain('Explain in public why the proposal is not feasible.');
    await staff.page(path);
    const res = await staff.post(path, {
      intent: 'review',
      feasibility: 'unfeasible',
      cost: '80000',
      'note.en': 'The only free land is a protected wetland.',
      'note.es': 'El único terreno libre es un humedal protegido.',
    });
    expect(res.status).toBe(303);
    const row = await proposalRow(id);
    expect(row.feasibility).toBe('unfeasible');
    expect(String(row.cost)).toBe('8000000');
    expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'proposal.review' AND "targetId" = $1`, [id])).toHaveLength(1);
    const page = textOf(await new Client(server.url).page(path));
    expect(page).toContain('Not feasible');
    expect(page).toContain('The only free land is a protected wetland.');
    expect(page).toContain('$80,000.00');
  });

  it('merges a duplicate: supporters support the kept one once, followers follow its discussion', async () => {
    const kept = await propose(author, 'Dog park');
    const duplicate = await propose(other, 'A park for dogs');
    const third = await newResident(server.url, server.database.url);
    for (const [client, id] of [
      [other, kept],
      [other, duplicate],
      [third.client, duplicate],
    ] as [Client, string][]) {
      await client.page(`${BASE}/proposals/${id}`);
      expect((await client.post(`${BASE}/proposals/${id}`, { intent: 'support' })).status).toBe(303);
    }
    const path = `${BASE}/proposals/${duplicate}`;
    await author.page(path);
    expect((await author.post(path, { intent: 'merge', into: kept })).status).toBe(403);
    await staff.page(path);
    expect((await staff.post(path, { intent: 'merge', into: duplicate })).status).toBe(400);
    const res = await staff.post(path, { intent: 'merge', into: kept });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${BASE}/proposals/${kept}`);
    expect(await proposalRow(duplicate)).toMatchObject({ status: 'merged', mergedIntoId: kept, supportCount: 0 });
    expect((await proposalRow(kept)).supportCount).toBe(2);
    expect(await sql(`SELECT "userId" FROM "ProposalSupport" WHERE "proposalId" = $1`, [kept])).toHaveLength(2);
    // The duplicate's author followed its discussion: now they follow the kept one's.
    const keptThread = (await proposalRow(kept)).threadId;
    expect(
      await sql(`SELECT 1 FROM "Follow" WHERE "targetKind" = 'thread' AND "targetId" = $1 AND level = 'follow'`, [keptThread]),
    ).toHaveLength(2);
    expect(textOf(await new Client(server.url).page(path))).toContain('This proposal was merged into: Dog park');
    expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'proposal.merge' AND "targetId" = $1`, [duplicate])).toHaveLength(1);
  });

  it('closes proposals, supports and edits with the proposals phase, and review when voting opens', async () => {
    const id = await propose(author, 'Late idea');
    const path = `${BASE}/proposals/${id}`;
    await advanceAs(staff, SLUG, 'proposals');
    await expectAnswer(await author.get(`${BASE}/proposals/new`), 403, `${BASE}/proposals/new`);
    await expectAnswer(await author.get(`${path}/edit`), 403, `${path}/edit`);
    await other.page(path);
    expect((await other.post(path, { intent: 'support' })).status).toBe(403);
    await staff.page(path);
    expect((await staff.post(path, { intent: 'review', feasibility: 'feasible', cost: '45000' })).status).toBe(303);
    await advanceAs(staff, SLUG, 'review');
    await staff.page(path);
    expect((await staff.post(path, { intent: 'review', feasibility: 'unfeasible', cost: '45000', 'note.en': 'Too late' })).status).toBe(
      403,
    );
    expect((await proposalRow(id)).feasibility).toBe('feasible');
  });
});
