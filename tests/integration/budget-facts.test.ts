import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '~/modules/budgets/money';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * Budget facts on the real server (issue 14): staff import the city budget from CSV (a file with
 * a problem is refused whole with its report; a year imported again is replaced), each new
 * department and category gets its thread in the city budget channel, and anyone reads the
 * budget by department, category or fund, compared across years, sorted, and as CSV.
 */
const server = withTestServer();
const sql = sqlOf(server);
const STAFF_PAGE = '/staff/budgets/facts';
let staff: Client;
let admin: Client;
let resident: Client;

beforeAll(async () => {
  [staff, admin, resident] = await Promise.all([DEMO.staff, DEMO.admin, DEMO.resident].map((e) => signedIn(server.url, e)));
});

/** Posts the import form as multipart/form-data, like a browser without JavaScript. */
async function upload(client: Client, text: string | Uint8Array, name = 'budget.csv') {
  await client.get(STAFF_PAGE);
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('file', new Blob([typeof text === 'string' ? Buffer.from(text) : Buffer.from(text)], { type: 'text/csv' }), name);
  return client.send(STAFF_PAGE, body);
}
const count = async (statement: string, params: unknown[] = []) => Number((await sql(statement, params))[0].n);
const linesOf = (year: number) => count(`SELECT COUNT(*) AS n FROM "BudgetLine" WHERE "fiscalYear" = $1`, [year]);
const topic = async (kind: string, name: string) =>
  (await sql(`SELECT "threadId" FROM "BudgetTopic" WHERE kind = $1 AND name = $2`, [kind, name]))[0]?.threadId as string | undefined;
const HEADER = 'fiscal_year,fund,department,category,amount';
const money = (dollars: string) => formatMoney(BigInt(Math.round(Number(dollars) * 100)), 'USD', 'en');

describe('who may import', () => {
  it('sends anonymous visitors to sign in and refuses residents, on the page and its form', async () => {
    const anonymous = await new Client(server.url).get(STAFF_PAGE);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/signin/);
    const visitor = new Client(server.url);
    await visitor.get('/');
    const posted = new FormData();
    posted.append('csrf', visitor.csrf);
    posted.append('file', new Blob([`${HEADER}\n2040,General,Visitor Dept,Misc,1\n`], { type: 'text/csv' }), 'b.csv');
    expect((await visitor.send(STAFF_PAGE, posted)).status).toBe(302);
    expect((await resident.get(STAFF_PAGE)).status).toBe(403);
    const body = new FormData();
    await resident.get('/');
    body.append('csrf', resident.csrf);
    body.append('file', new Blob([`${HEADER}\n2040,General,Resident Dept,Misc,1\n`], { type: 'text/csv' }), 'b.csv');
    expect((await resident.send(STAFF_PAGE, body)).status).toBe(403);
    expect(await linesOf(2040)).toBe(0);
    for (const email of [DEMO.moderator, DEMO.liaison, DEMO.captain])
      expect((await (await signedIn(server.url, email)).get(STAFF_PAGE)).status, email).toBe(403);
    expect((await staff.get(STAFF_PAGE)).status).toBe(200);
    expect((await admin.get(STAFF_PAGE)).status).toBe(200);
  });
});

describe('importing', () => {
  it('imports a year as staff, audited, and opens a thread per new department and category by the importer', async () => {
    const res = await upload(
      staff,
      `${HEADER}\n2031,General Fund,Harbor,Salaries and Benefits,"1,250,000.00"\n2031,General Fund,Harbor,Dredging,400000\n2031,General Fund,Police,Salaries and Benefits,20000000.5\n`,
    );
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain('3 lines were imported.');
    expect(text).toContain('2 new discussion threads were opened');
    expect(text).toMatch(/2031 3 \$21,650,000\.50 0/);
    expect(await linesOf(2031)).toBe(3);
    const [audit] = await sql(
      `SELECT "actorId", "targetId", "after" FROM "AuditLog" WHERE action = 'budget-facts.import' ORDER BY "createdAt" DESC`,
    );
    expect(audit.targetId).toBe('2031');
    // JSON text on SQLite, an object on PostgreSQL.
    const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
    expect(after).toMatchObject({ fileName: 'budget.csv', lines: 3, newTopics: 2, years: [{ fiscalYear: 2031, total: '2165000050' }] });
    // Police and Salaries and Benefits have their threads from the demo; Harbor and Dredging are new.
    const threadId = await topic('department', 'Harbor');
    expect(threadId).toBeTruthy();
    expect(await topic('category', 'Dredging')).toBeTruthy();
    expect(await count(`SELECT COUNT(*) AS n FROM "BudgetTopic"`)).toBe(9 + 4 + 2);
    const [thread] = await sql(
      `SELECT t.title, c.slug, c.kind, u.email, p.text FROM "Thread" t JOIN "Channel" c ON c.id = t."channelId" JOIN "User" u ON u.id = t."authorId" JOIN "Post" p ON p."threadId" = t.id AND p."isOpening" WHERE t.id = $1`,
      [threadId],
    );
    expect(thread).toMatchObject({ title: 'Budget of the department: Harbor', slug: 'city-budget', kind: 'budget', email: DEMO.staff });
    expect(String(thread.text)).toContain('the Harbor department');
    const page = textOf(await new Client(server.url).page(`/threads/${threadId}`));
    expect(page).toContain('Budget of the department: Harbor');
  });

  it('refuses a file with any problem whole, with its report by line (400), storing nothing', async () => {
    const before = await count(`SELECT COUNT(*) AS n FROM "BudgetLine"`);
    const res = await upload(
      staff,
      `${HEADER}\n2032,General,Lighthouse,Salaries,100\n20x2,General,Lighthouse,Supplies,100\n2032,General,Lighthouse,Capital,12.345\n2032,General,lighthouse,salaries,5\n`,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('3 problems were found.');
    expect(textOf(rowWith(html, '20x2') ?? '')).toMatch(
      /^ ?3 Fiscal year Enter a fiscal year as four digits, between 1900 and 2200\. 20x2/,
    );
    expect(textOf(rowWith(html, '12.345') ?? '')).toContain('4 Amount Enter an amount in USD');
    expect(textOf(html)).toContain('5 Whole line The same year, fund, department and category are already on line 2.');
    expect(await count(`SELECT COUNT(*) AS n FROM "BudgetLine"`)).toBe(before);
    expect(await topic('department', 'Lighthouse')).toBeUndefined();

    const missing = await upload(staff, 'year,department,amount\n2032,Lighthouse,5\n');
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain('1 Fund The header line has no column for this.');
    const binary = await upload(staff, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'photo.png');
    expect(binary.status).toBe(400);
    expect(await count(`SELECT COUNT(*) AS n FROM "BudgetLine"`)).toBe(before);
  });

  it('replaces a year imported again, in Spanish headers, without opening its threads twice', async () => {
    await upload(admin, `${HEADER}\n2033,General Fund,Harbor,Dredging,10\n2033,General Fund,Harbor,Salaries and Benefits,20\n`);
    expect(await linesOf(2033)).toBe(2);
    const topics = await count(`SELECT COUNT(*) AS n FROM "BudgetTopic"`);
    const res = await upload(admin, 'Año fiscal;Fondo;Departamento;Categoría;Importe\n2033;General Fund;Harbor;Dredging;99.99\n');
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toMatch(/2033 1 \$99\.99 2/);
    const rows = await sql(`SELECT category, amount FROM "BudgetLine" WHERE "fiscalYear" = 2033`);
    expect(rows.map((r) => [r.category, String(r.amount)])).toEqual([['Dredging', '9999']]);
    expect(await count(`SELECT COUNT(*) AS n FROM "BudgetTopic"`)).toBe(topics);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditLog" WHERE action = 'budget-facts.import' AND "targetId" = '2033'`)).toBe(2);
  });
});

describe('the public budget', () => {
  it('shows the newest year by department to anyone, in English and Spanish, each department linked to its thread', async () => {
    const html = await new Client(server.url).page('/budgets/facts');
    const text = textOf(html);
    expect(text).toContain('City budget');
    expect(text).toContain('Budget by department, fiscal year 2033');
    const police = rowWith(html, '>Police<');
    expect(police).toBeNull(); // 2033 has Harbor only
    const fy2027 = await new Client(server.url).page('/budgets/facts?year=2027');
    const row = rowWith(fy2027, 'Discuss Police')!;
    expect(textOf(row)).toContain('Police $21,955,000.00');
    expect(row).toContain(`/threads/${await topic('department', 'Police')}`);
    const es = await new Client(server.url).get('/budgets/facts?year=2027', { 'Accept-Language': 'es' });
    expect(textOf(await es.text())).toContain('Presupuesto por departamento, año fiscal 2027');
  });

  it('compares two years and sorts by any column through links', async () => {
    const client = new Client(server.url);
    const html = await client.page('/budgets/facts?year=2027&compare=2026&group=category&sort=difference&dir=desc');
    expect(textOf(html)).toContain('Budget by category, fiscal year 2027 compared with 2026');
    const names = [...html.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(names).toEqual(['Salaries and Benefits', 'Capital Outlay', 'Services and Supplies', 'Debt Service']);
    expect(textOf(rowWith(html, '>Debt Service<')!)).toContain('Debt Service $3,840,000.00 $3,840,000.00 $0.00 0%');
    expect(textOf(rowWith(html, '>Capital Outlay<')!)).toContain('+$1,740,000.00');
    expect(html).toMatch(
      /aria-sort="descending"><a [^>]*href="\/budgets\/facts\?year=2027&amp;compare=2026&amp;group=category&amp;sort=difference&amp;dir=asc"/,
    );
    const asc = await client.page('/budgets/facts?year=2027&compare=2026&group=category&sort=name&dir=asc');
    expect([...asc.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([
      'Capital Outlay',
      'Debt Service',
      'Salaries and Benefits',
      'Services and Supplies',
    ]);
  });

  it('downloads exactly the table shown, for the same query', async () => {
    const client = new Client(server.url);
    for (const query of ['year=2027&compare=2026&group=department&sort=change&dir=asc', 'year=2026&group=fund&sort=name&dir=desc']) {
      const html = await client.page(`/budgets/facts?${query}`);
      const res = await client.get(`/budgets/facts.csv?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const [header, ...rows] = parse((await res.text()).replace(/^\uFEFF/, '')) as string[][];
      const shown = [...html.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)].slice(1).map((m) => textOf(m[0]).trim());
      expect(rows.length).toBe(shown.length);
      expect(rows.length).toBeGreaterThan(3);
      for (const [i, row] of rows.entries()) {
        // The same row in the same place, with the same amounts (plain decimals in the file).
        expect(shown[i].startsWith(`${row[0]} ${money(row[1])}`), `${row.join()} / ${shown[i]}`).toBe(true);
        if (row.length > 2) expect(shown[i]).toContain(`${money(row[2])} `);
      }
      expect(header[1]).toMatch(/^Budget 202[67] \(USD\)$/);
      // Numbers a spreadsheet adds up: a decrease is not escaped as if it were a formula.
      expect(rows.flat().some((cell) => cell.startsWith("'"))).toBe(false);
      if (header.length > 2)
        expect(rows.find((r) => r[0] === 'Public Works')!.slice(1)).toEqual(['17840000', '18350000', '-510000', '-2.8']);
    }
  });

  it('answers a query the page never offers with 400, never 500', async () => {
    const client = new Client(server.url);
    for (const query of ['year=abc', 'year=99999', 'compare=12', 'group=mayor', 'sort=secret', 'dir=sideways', 'year=2027&year=x']) {
      expect((await client.get(`/budgets/facts?${query}`)).status, query).toBe(400);
      expect((await client.get(`/budgets/facts.csv?${query}`)).status, query).toBe(400);
    }
    // The form comes back with the years to choose from.
    const refused = await client.get('/budgets/facts?year=abc&group=fund');
    const html = await refused.text();
    expect(html).toContain('<option value="2027"');
    expect(html).toMatch(/<option value="fund" selected=""/);
    // A year with no lines is an empty table, not an error.
    expect(textOf(await client.page('/budgets/facts?year=1999'))).toContain('No budget lines for fiscal year 1999.');
  });

  it('sends valid HTML (html-validate, the project rules) for the public page and the staff page with a report', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData);
    const errorsOf = async (html: string, path: string) =>
      (await validator.validateString(html, path)).results.flatMap((r) =>
        r.messages.filter((m) => m.severity === 2).map((m) => `${path}:${m.line} ${m.ruleId}: ${m.message}`),
      );
    const found = [
      ...(await errorsOf(await new Client(server.url).page('/budgets/facts?year=2027&compare=2026&group=category'), 'public')),
      ...(await errorsOf(await staff.page(STAFF_PAGE), 'staff')),
      ...(await errorsOf(await (await upload(staff, `${HEADER}\n2034,General,X,Y,-1\n`)).text(), 'report')),
    ];
    expect(found).toEqual([]);
  });
});
