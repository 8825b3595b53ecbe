import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { expectAnswer, type Expected } from '../support/authorization';
import { advanceAs, createProcessAs, processForm } from '../support/budgets';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * Participatory budget processes on the real server (docs/decisions/0024-participatory-budgeting.md):
 * who may create and run them, what bad input gets, the public pages, and phase moves that are
 * audited and happen once however many staff press at the same time.
 */
const server = withTestServer();
const sql = sqlOf(server);
let staff: Client;
let admin: Client;
let resident: Client;
let moderator: Client;

beforeAll(async () => {
  [staff, admin, resident, moderator] = await Promise.all(
    [DEMO.staff, DEMO.admin, DEMO.resident, DEMO.moderator].map((e) => signedIn(server.url, e)),
  );
  await createProcessAs(staff, 'table-budget');
});

const processRow = async (slug: string) =>
  (
    (await sql(`SELECT id, phase, total, currency, scope, "minChoices", "maxChoices", "channelId" FROM "BudgetProcess" WHERE slug = $1`, [
      slug,
    ])) as {
      id: string;
      phase: string;
      total: string | number | bigint;
      currency: string;
      scope: string;
      minChoices: number;
      maxChoices: number | null;
      channelId: string;
    }[]
  )[0];

describe('who may run participatory budgets', () => {
  const actors = {
    anonymous: null as Client | null,
    resident: () => resident,
    moderator: () => moderator,
    staff: () => staff,
    admin: () => admin,
  };
  const client = (name: keyof typeof actors) => (name === 'anonymous' ? new Client(server.url) : (actors[name] as () => Client)());
  const expected = (name: keyof typeof actors, allowed: Expected): Expected =>
    name === 'anonymous' ? 'signin' : name === 'staff' || name === 'admin' ? allowed : 403;

  for (const name of Object.keys(actors) as (keyof typeof actors)[]) {
    it(`answers the staff pages and actions for ${name} as the table says`, async () => {
      const c = client(name);
      for (const path of ['/staff/budgets', '/staff/budgets/new', '/staff/budgets/table-budget'])
        await expectAnswer(await c.get(path), expected(name, 200), path);
      await c.get('/');
      // Allowed actors post input the form refuses, so nothing changes.
      await expectAnswer(await c.post('/staff/budgets/new', { slug: 'Bad Slug' }), expected(name, 400), '/staff/budgets/new');
      await expectAnswer(
        await c.post('/staff/budgets/table-budget', { intent: 'advance', from: 'nowhere' }),
        expected(name, 400),
        '/staff/budgets/table-budget',
      );
      expect((await processRow('table-budget')).phase).toBe('information');
    });
  }

  it('shows the public pages to anyone, in both languages, and 404 for an unknown process', async () => {
    const visitor = new Client(server.url);
    const list = textOf(await visitor.page('/budgets'));
    expect(list).toContain('Participatory budgets');
    expect(list).toContain('Budget table-budget');
    const page = textOf(await visitor.page('/budgets/table-budget'));
    expect(page).toContain('Now: learn about this budget');
    expect(page).toContain('$250,000.00');
    expect(page).toContain('Choose between 1 and 3 projects.');
    expect(page).toMatch(/Information Current phase/);
    const es = textOf(await (await new Client(server.url).get('/budgets/table-budget', { 'Accept-Language': 'es' })).text());
    expect(es).toContain('Presupuesto table-budget');
    expect(es).toContain('Ahora: conozca este presupuesto');
    expect(es).toMatch(/250\.000,00\s?US\$/);
    expect((await visitor.get('/budgets/no-such-budget')).status).toBe(404);
    // The community calendar and its feed tell when the vote opens and closes (days of tests/support/budgets.ts, city time).
    const calendar = textOf(await visitor.page('/calendar?from=2027-01-25'));
    expect(calendar).toMatch(/Opens at 12:00\sAM Budget table-budget Budget vote/);
    expect(calendar).toMatch(/Closes at 11:59\sPM Budget table-budget Budget vote/);
    const feed = await (await visitor.get('/calendar.ics')).text();
    expect(feed).toContain('SUMMARY:Budget table-budget');
    expect(feed).toContain('The last moment to vote in this participatory budget.');
    expect((await visitor.get(`/budgets/${'x'.repeat(80)}`)).status).toBe(404);
  });
});

describe('creating a process', () => {
  it('makes the process with its forum, phases, scope and categories, audited', async () => {
    const n = (await sql(`SELECT id FROM "Neighborhood" ORDER BY slug LIMIT 2`)) as { id: string }[];
    await createProcessAs(admin, 'two-hoods', {
      scope: 'neighborhoods',
      neighborhoods: n.map((x) => x.id),
      [`amounts.${n[0].id}`]: '1,000.50',
      votingMethod: 'knapsack',
      rule: 'equal_shares',
      currency: 'eur',
    });
    const row = await processRow('two-hoods');
    expect(row).toMatchObject({ phase: 'information', currency: 'EUR', scope: 'neighborhoods', minChoices: 1, maxChoices: null });
    expect(String(row.total)).toBe('25000000');
    const scopes = (await sql(`SELECT "neighborhoodId", amount FROM "BudgetScope" WHERE "processId" = $1 ORDER BY amount`, [row.id])) as {
      neighborhoodId: string;
      amount: unknown;
    }[];
    expect(scopes.map((s) => [s.neighborhoodId, s.amount === null ? null : String(s.amount)]).sort()).toEqual(
      [
        [n[0].id, '100050'],
        [n[1].id, null],
      ].sort(),
    );
    expect(await sql(`SELECT phase FROM "BudgetPhase" WHERE "processId" = $1`, [row.id])).toHaveLength(6);
    const categories = (await sql(`SELECT name FROM "BudgetCategory" WHERE "processId" = $1 ORDER BY position`, [row.id])) as {
      name: unknown;
    }[];
    expect(categories.map((c) => (typeof c.name === 'string' ? JSON.parse(c.name) : c.name))).toEqual([
      { en: 'Parks', es: 'Parques' },
      { en: 'Streets', es: 'Calles' },
    ]);
    const [channel] = (await sql(`SELECT slug, kind, visibility FROM "Channel" WHERE id = $1`, [row.channelId])) as Record<
      string,
      string
    >[];
    expect(channel).toEqual({ slug: 'budget-two-hoods', kind: 'budget', visibility: 'public' });
    expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'budget.create' AND "targetId" = $1`, [row.id])).toHaveLength(1);
    const page = textOf(await new Client(server.url).page('/budgets/two-hoods'));
    expect(page).toContain('€1,000.50');
    expect(page).toContain('Choose any projects whose costs add up to at most €250,000.00.');
  });

  it('refuses bad input with a localized message, keeps what was typed and stores nothing', async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ total: '-5' }, 'Enter an amount above zero'],
      [{ total: '10.555' }, 'Enter an amount above zero'],
      [{ currency: 'XYZ' }, 'Enter a three-letter currency code'],
      [{ 'phases.proposals.starts': '2027-01-05' }, 'A phase must start after the previous one ends.'],
      [{ 'phases.voting.ends': '2027-01-01' }, 'A phase must end on or after the day it starts.'],
      [{ 'phases.review.starts': '2027-02-30' }, 'Enter a date.'],
      [{ minChoices: '4', maxChoices: '2' }, 'cannot be fewer than the fewest'],
      [{ scope: 'neighborhoods' }, 'Choose at least one neighborhood'],
      [{ scope: 'neighborhoods', neighborhoods: 'nope' }, 'Choose one of the options'],
      [{ slug: 'table-budget' }, 'Another process or channel already uses this web address name.'],
      [{ scope: 'galaxy' }, 'Choose one of the options'],
    ];
    for (const [override, message] of cases) {
      await staff.page('/staff/budgets/new');
      const res = await staff.post('/staff/budgets/new', processForm('kept-input', override));
      expect(res.status, JSON.stringify(override)).toBe(400);
      const html = await res.text();
      expect(textOf(html)).toContain(message);
      expect(html).toContain('value="Budget kept-input"');
    }
    expect(await sql(`SELECT 1 FROM "BudgetProcess" WHERE slug = 'kept-input'`)).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM "Channel" WHERE slug = 'budget-kept-input'`)).toHaveLength(0);
    const es = await signedIn(server.url, DEMO.staff);
    await es.post('/language', { locale: 'es' });
    await es.page('/staff/budgets/new');
    const res = await es.post('/staff/budgets/new', processForm('kept-input', { total: 'mucho' }));
    expect(textOf(await res.text())).toContain('Escriba un importe mayor que cero');
    // The demo staff account keeps the language it chose: back to English for the other tests.
    await es.post('/language', { locale: 'en' });
  });
});

describe('moving a process through its phases', () => {
  it('moves one phase at a time, audited, shown on the public page', async () => {
    await createProcessAs(staff, 'moving');
    const { id } = await processRow('moving');
    await advanceAs(staff, 'moving', 'information');
    expect((await processRow('moving')).phase).toBe('proposals');
    expect(textOf(await new Client(server.url).page('/budgets/moving'))).toContain('Now: propose projects');
    const audit = (await sql(`SELECT "before", "after" FROM "AuditLog" WHERE action = 'budget.phase' AND "targetId" = $1`, [id])) as {
      before: unknown;
      after: unknown;
    }[];
    const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(audit.map((a) => [parsed(a.before), parsed(a.after)])).toEqual([[{ phase: 'information' }, { phase: 'proposals' }]]);
  });

  it('moves once when two staff press at the same moment: the other gets a 409 and a clear message', async () => {
    await createProcessAs(staff, 'racing');
    const other = await signedIn(server.url, DEMO.admin);
    await Promise.all([staff.page('/staff/budgets/racing'), other.page('/staff/budgets/racing')]);
    const answers = await Promise.all(
      [staff, other].map((c) => c.post('/staff/budgets/racing', { intent: 'advance', from: 'information' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect(textOf(await refused.text())).toContain('Someone moved this process to another phase meanwhile.');
    expect((await processRow('racing')).phase).toBe('proposals');
    const { id } = await processRow('racing');
    expect(await sql(`SELECT 1 FROM "AuditLog" WHERE action = 'budget.phase' AND "targetId" = $1`, [id])).toHaveLength(1);
  });

  it('stops at the last phase', async () => {
    await createProcessAs(staff, 'to-the-end');
    for (const from of ['information', 'proposals', 'review', 'voting', 'results']) await advanceAs(staff, 'to-the-end', from);
    await staff.page('/staff/budgets/to-the-end');
    expect(textOf(staff.lastHtml)).toContain('This is the last phase.');
    const res = await staff.post('/staff/budgets/to-the-end', { intent: 'advance', from: 'implementation' });
    expect(res.status).toBe(409);
  });
});
