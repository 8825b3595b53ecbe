import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePabulib, type PabulibElection } from '~/modules/budgets/tally/pabulib';
import { advanceAs, createProcessAs } from '../support/budgets';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { PABULIB_DIR, PABULIB_FILES } from '../support/pabulib';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * Pabulib in and out on the real server (issue 14): staff import a .pb file as a closed process
 * (a malformed one is refused whole with its report), the app counts it, and anyone downloads a
 * counted process as a .pb file. The six real elections replay through the app to their published
 * winners and come back out as the same projects and votes.
 */
const server = withTestServer();
const sql = sqlOf(server);
const PAGE = '/staff/budgets/import';
let staff: Client;
let resident: Client;

beforeAll(async () => {
  [staff, resident] = await Promise.all([DEMO.staff, DEMO.resident].map((e) => signedIn(server.url, e)));
});

const fileText = (name: string) => readFileSync(join(PABULIB_DIR, name), 'utf8');

/** Posts the import form as multipart/form-data, like a browser without JavaScript. */
async function upload(client: Client, text: string, slug: string, name = 'election.pb') {
  await client.get('/'); // the CSRF token, for anyone
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('file', new Blob([Buffer.from(text)], { type: 'text/plain' }), name);
  body.append('slug', slug);
  body.append('title.en', `Imported ${slug}`);
  body.append('title.es', `Importado ${slug}`);
  return client.send(PAGE, body);
}
const processCount = async (slug: string) =>
  Number((await sql(`SELECT COUNT(*) AS n FROM "BudgetProcess" WHERE slug = $1`, [slug]))[0].n) +
  Number((await sql(`SELECT COUNT(*) AS n FROM "Channel" WHERE slug = $1`, [`budget-${slug}`]))[0].n);

const SMALL = `META
key;value
budget;1000
vote_type;approval
rule;greedy
currency;PLN
PROJECTS
project_id;cost;name;selected
1;600;Benches;1
2;500;Trees;0
3;300;Lights;1
VOTES
voter_id;vote
a;1,2
b;1,3
c;2
`;

describe('who may import', () => {
  it('sends anonymous visitors to sign in, refuses residents on the page and its form, and lets staff in', async () => {
    const anonymous = await new Client(server.url).get(PAGE);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/signin/);
    expect((await upload(new Client(server.url), SMALL, 'visitor-import')).status).toBe(302);
    expect((await resident.get(PAGE)).status).toBe(403);
    expect((await upload(resident, SMALL, 'resident-import')).status).toBe(403);
    expect(await processCount('visitor-import')).toBe(0);
    expect(await processCount('resident-import')).toBe(0);
    expect((await staff.get(PAGE)).status).toBe(200);
    expect((await (await signedIn(server.url, DEMO.admin)).get(PAGE)).status).toBe(200);
  });
});

describe('a malformed file', () => {
  it('is refused whole with its problems by line (400), the form kept, and nothing stored', async () => {
    const bad = SMALL.replace('2;500;Trees;0', '2;lots;Trees;0').replace('c;2', 'c;9');
    const res = await upload(staff, bad, 'bad-import');
    expect(res.status).toBe(400);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain('2 problems to fix');
    expect(text).toMatch(/\b10\b.*bad cost 'lots'/);
    expect(text).toContain("vote for unknown project '9'");
    expect(html).toContain('value="bad-import"');
    expect(await processCount('bad-import')).toBe(0);
    expect(
      Number(
        (await sql(`SELECT COUNT(*) AS n FROM "AuditLog" WHERE action = 'budget.import' AND CAST("after" AS TEXT) LIKE '%bad-import%'`))[0]
          .n,
      ),
    ).toBe(0);
  });

  it('is reported in the reader’s language: Spanish words around Pabulib’s own, the parser’s and the app’s problems alike', async () => {
    await staff.post('/language', { locale: 'es', redirectTo: '/' });
    try {
      const bad = SMALL.replace('2;500;Trees;0', '2;lots;Trees;0').replace('c;2', 'c;9').replace('currency;PLN', 'currency;XYZ');
      const res = await upload(staff, bad, 'bad-import-es');
      expect(res.status).toBe(400);
      const html = await res.text();
      const text = textOf(html);
      expect(text).toContain('Problemas en el archivo');
      // The parser's problems first; the app's (currency) come once the file reads.
      expect(text).toContain('hay 2 problemas que corregir');
      expect(text).toMatch(/\b10\b.*cost 'lots' no válido: se espera un número no negativo, como 150000 o 1500\.50/);
      expect(text).toMatch(/\b16\b.*voto para un proyecto desconocido: '9'/);
      // No part of the report is marked as English any more (the language switch names English elsewhere).
      const report = html.slice(html.indexOf('id="pabulib-report"'));
      expect(report.slice(0, report.indexOf('</section>'))).toContain('Línea');
      expect(report.slice(0, report.indexOf('</section>'))).not.toContain('lang="en"');
      const currency = await upload(staff, SMALL.replace('currency;PLN', 'currency;XYZ'), 'bad-import-es');
      expect(currency.status).toBe(400);
      expect(textOf(await currency.text())).toMatch(/\b6\b.*moneda desconocida 'XYZ': se espera un código ISO 4217, como PLN/);
      expect(await processCount('bad-import-es')).toBe(0);
    } finally {
      await staff.post('/language', { locale: 'en', redirectTo: '/' });
    }
  });

  it('refuses what the app cannot hold (an unknown currency, an unknown rule, a bad date), and a binary file', async () => {
    const res = await upload(
      staff,
      SMALL.replace('currency;PLN', 'currency;XYZ\ndate_begin;31.02.2020').replace('rule;greedy', 'rule;greedy-threshold'),
      'odd-import',
    );
    expect(res.status).toBe(400);
    const text = textOf(await res.text());
    expect(text).toContain("unknown currency 'XYZ'");
    expect(text).toContain("rule 'greedy-threshold' is not one we count");
    expect(text).toContain("bad date_begin '31.02.2020'");
    const cents = await upload(staff, SMALL.replace('3;300;Lights;1', '3;300.125;Lights;1'), 'cents-import');
    expect(cents.status).toBe(400);
    // Line 11 of the file: the project's own line.
    expect(textOf(await cents.text())).toMatch(/\b11 project '3': cost with more than 2 decimals in PLN/);
    expect(await processCount('cents-import')).toBe(0);
    expect((await upload(staff, '\u0000\u0001binary', 'binary-import')).status).toBe(400);
    expect(await processCount('odd-import')).toBe(0);
    expect(await processCount('binary-import')).toBe(0);
  });
});

/** The file's projects and votes as comparable values: ids, costs, names; each vote's set, as a sorted multiset. */
function shapeOf(election: PabulibElection) {
  return {
    budget: election.budget.units * 10n ** BigInt(2 - election.budget.decimals),
    projects: election.projects.map((p) => `${p.id}|${p.cost.units * 10n ** BigInt(2 - p.cost.decimals)}|${p.name ?? ''}`).sort(),
    votes: election.votes.map((v) => [...v.approved].sort().join(',')).sort(),
  };
}

describe('import, results and export', () => {
  it('imports a small file as a closed, counted, audited process with anonymous import ballots; a taken slug is refused', async () => {
    const res = await upload(staff, SMALL, 'small-import');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/budgets/small-import');
    const [process] = await sql(
      `SELECT id, origin, phase, "closedAt", "countedAt", currency, total, rule, meta FROM "BudgetProcess" WHERE slug = 'small-import'`,
    );
    expect(process).toMatchObject({ origin: 'pabulib', phase: 'results', currency: 'PLN', rule: 'greedy' });
    expect(BigInt(process.total as string | number)).toBe(100000n);
    expect(process.closedAt).toBeTruthy();
    expect(process.countedAt).toBeTruthy();
    const meta = typeof process.meta === 'string' ? JSON.parse(process.meta) : process.meta;
    expect(meta).toMatchObject({ budget: '1000', rule: 'greedy', currency: 'PLN' });
    expect(await sql(`SELECT phase FROM "BudgetPhase" WHERE "processId" = $1`, [process.id])).toHaveLength(6);
    const proposals = await sql(
      `SELECT "externalId", title, cost, votes, "fundedRank", "authorId", feasibility FROM "Proposal" WHERE "processId" = $1 ORDER BY "externalId"`,
      [process.id],
    );
    expect(
      proposals.map((p) => [p.externalId, p.title, Number(p.cost), Number(p.votes), p.fundedRank === null ? null : Number(p.fundedRank)]),
    ).toEqual([
      ['1', 'Benches', 60000, 2, 1],
      ['2', 'Trees', 50000, 2, null],
      ['3', 'Lights', 30000, 1, 2],
    ]);
    expect(proposals.every((p) => p.authorId === null && p.feasibility === 'feasible')).toBe(true);
    const ballots = await sql(`SELECT source, "neighborhoodId" FROM "Ballot" WHERE "processId" = $1`, [process.id]);
    expect(ballots).toHaveLength(3);
    expect(ballots.every((b) => b.source === 'import' && b.neighborhoodId === null)).toBe(true);
    const [audit] = await sql(`SELECT "targetId", "after" FROM "AuditLog" WHERE action = 'budget.import' AND "targetId" = $1`, [
      process.id,
    ]);
    expect(typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after).toMatchObject({
      slug: 'small-import',
      projects: 3,
      votes: 3,
    });

    const again = await upload(staff, SMALL, 'small-import');
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain('Another process or channel already uses this web address name.');
    expect(Number((await sql(`SELECT COUNT(*) AS n FROM "BudgetProcess" WHERE slug = 'small-import'`))[0].n)).toBe(1);

    const exported = await new Client(server.url).get('/budgets/small-import.pb');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="small-import.pb"');
    const back = parsePabulib(await exported.text());
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.election.votes.map((v) => v.voterId)).toEqual(['1', '2', '3']);
    expect(back.election.projects.map((p) => [p.id, p.selected, p.fields.votes])).toEqual(
      expect.arrayContaining([
        ['1', true, '2'],
        ['2', false, '2'],
        ['3', true, '1'],
      ]),
    );
  });

  it("breaks ties on the file's project ids, as the published count does, not on ours", async () => {
    // Twenty projects, each with one vote and the whole budget's cost: only the first by id is funded.
    const ids = Array.from({ length: 20 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`).reverse();
    const file = `META\nbudget;10\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n${ids.map((id) => `${id};10`).join('\n')}\nVOTES\nvoter_id;vote\n${ids.map((id, i) => `${i + 1};${id}`).join('\n')}\n`;
    expect((await upload(staff, file, 'tie-import')).status).toBe(303);
    const funded = await sql(
      `SELECT p."externalId" FROM "Proposal" p JOIN "BudgetProcess" b ON b.id = p."processId" WHERE b.slug = 'tie-import' AND p."fundedRank" IS NOT NULL`,
    );
    expect(funded.map((f) => f.externalId)).toEqual(['p01']);
  });

  it.each(PABULIB_FILES)(
    'replays %s through the app to its published winners and exports the same projects and votes',
    async (name) => {
      const text = fileText(name);
      const parsed = parsePabulib(text);
      if (!parsed.ok) throw new Error(`${name} does not parse`);
      const slug = `pb-${name.replace(/\.pb$/, '').replace(/_/g, '-')}`.slice(0, 60);
      const started = performance.now();
      const res = await upload(staff, text, slug, name);
      const seconds = (performance.now() - started) / 1000;
      console.log(`${name}: ${parsed.election.votes.length} votes imported and counted in ${seconds.toFixed(2)} s`);
      expect(res.status, name).toBe(303);
      const funded = await sql(
        `SELECT p."externalId" FROM "Proposal" p JOIN "BudgetProcess" b ON b.id = p."processId" WHERE b.slug = $1 AND p."fundedRank" IS NOT NULL`,
        [slug],
      );
      const published = parsed.election.projects.filter((p) => p.selected).map((p) => p.id);
      // Zabrze's file has no selected column: there only the export round trip is checked.
      if (parsed.election.projects.some((p) => p.selected !== undefined))
        expect(funded.map((f) => f.externalId).sort(), name).toEqual(published.sort());
      const exported = await new Client(server.url).get(`/budgets/${slug}.pb`);
      expect(exported.status).toBe(200);
      const back = parsePabulib(await exported.text());
      if (!back.ok) throw new Error(JSON.stringify(back.problems.slice(0, 5)));
      expect(shapeOf(back.election)).toEqual(shapeOf(parsed.election));
      expect(back.election.votes.map((v) => v.voterId)).toEqual(parsed.election.votes.map((_, i) => String(i + 1)));
      expect(back.election.meta).toMatchObject({
        rule: 'greedy',
        vote_type: 'approval',
        date_begin: expect.stringMatching(/^\d\d\.\d\d\.\d{4}$/),
      });
    },
    120_000,
  );
});

describe('exporting', () => {
  it('refuses a process not yet closed and counted (409 JSON) and an unknown one (404); a counted app process exports', async () => {
    await createProcessAs(staff, 'export-later');
    const early = await new Client(server.url).get('/budgets/export-later.pb');
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ error: 'conflict' });
    expect((await new Client(server.url).get('/budgets/no-such-process.pb')).status).toBe(404);
    for (const from of ['information', 'proposals', 'review']) await advanceAs(staff, 'export-later', from);
    expect((await new Client(server.url).get('/budgets/export-later.pb')).status).toBe(409);
    // The close (voting → results) opens and counts the ballots: then it exports.
    await advanceAs(staff, 'export-later', 'voting');
    const counted = await new Client(server.url).get('/budgets/export-later.pb');
    expect(counted.status).toBe(200);
    const back = parsePabulib(await counted.text());
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.election.meta).toMatchObject({
      description: 'Budget export-later',
      currency: 'USD',
      rule: 'greedy',
      date_begin: '25.01.2027',
      date_end: '31.01.2027',
    });
    expect(back.election.budget).toEqual({ units: 250000n, decimals: 0 });
    expect(back.election.votes).toEqual([]);
  });

  it('writes a process of neighborhoods as one file, its total the META budget, a neighborhood column on projects and votes', async () => {
    const [hood] = (await sql(`SELECT id, slug FROM "Neighborhood" ORDER BY slug LIMIT 1`)) as { id: string; slug: string }[];
    await createProcessAs(staff, 'export-hoods', {
      scope: 'neighborhoods',
      neighborhoods: [hood.id],
      [`amounts.${hood.id}`]: '1000',
      rule: 'equal_shares',
    });
    await sql(`UPDATE "BudgetProcess" SET "closedAt" = $1, "countedAt" = $1 WHERE slug = 'export-hoods'`, [new Date().toISOString()]);
    const res = await new Client(server.url).get('/budgets/export-hoods.pb');
    expect(res.status).toBe(200);
    const back = parsePabulib(await res.text());
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.election.meta).toMatchObject({ rule: 'equalshares/add1', budget: '250000' });
    expect(back.election.projectColumns).toContain('neighborhood');
    expect(back.election.voteColumns).toContain('neighborhood');
  });
});
