import { describe, expect, it } from 'vitest';
import { amountText, formatMoney } from '~/modules/budgets/money';
import { checkFactFile, MAX_LINES } from '~/modules/budgets/facts/rows';
import { FactsQuerySchema, factsSearch } from '~/modules/budgets/facts/schemas';
import { parseWithSchema } from '~/lib/schema-parse';
import { parseCsv } from '~/modules/requests/legacy-import/csv.server';

/** Budget facts: a CSV file's rows checked line by line (docs/decisions/0024-participatory-budgeting.md). */
const file = (text: string) => {
  const read = parseCsv(text);
  if (!read.ok) throw new Error(read.error);
  return read.file;
};

describe('checking a budget-facts file', () => {
  it('reads every line of a good file into minor units of the city currency', () => {
    const { lines, problems } = checkFactFile(
      file(
        'fiscal_year,fund,department,category,amount\n2026,General Fund,Police,Salaries,"18,420,000.50"\nFY2027, General Fund ,Fire,Supplies,1740000\n',
      ),
      'USD',
    );
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { line: 2, fiscalYear: 2026, fund: 'General Fund', department: 'Police', category: 'Salaries', amount: 1842000050n },
      { line: 3, fiscalYear: 2027, fund: 'General Fund', department: 'Fire', category: 'Supplies', amount: 174000000n },
    ]);
  });

  it('finds the columns by their English or Spanish headers in any order, case or accents, semicolon separated', () => {
    const { lines, problems } = checkFactFile(
      file('Importe;Categoría;Departamento;Fondo;Año fiscal\n1500;Obras;Parques;General;2026\n'),
      'JPY',
    );
    expect(problems).toEqual([]);
    expect(lines[0]).toMatchObject({ fiscalYear: 2026, fund: 'General', department: 'Parques', category: 'Obras', amount: 1500n });
  });

  it('refuses a header line without one of the five columns, naming each missing one', () => {
    const { lines, problems } = checkFactFile(file('year,department,amount\n2026,Police,10\n'), 'USD');
    expect(lines).toEqual([]);
    expect(problems).toEqual([
      { line: 1, column: 'fund', problem: 'budget-facts:problems.missingColumn' },
      { line: 1, column: 'category', problem: 'budget-facts:problems.missingColumn' },
    ]);
  });

  it('reports bad years, bad amounts, empty cells and duplicates by line, and keeps going', () => {
    const { problems } = checkFactFile(
      file(
        [
          'fiscal_year,fund,department,category,amount',
          '2026,General,Police,Salaries,100',
          '26,General,Police,Supplies,100',
          '2026,General,Police,Capital,-5',
          '2026,General,,Capital,1.234',
          '2026,general,POLICE,salaries,7',
          '2026,General,Fire,Salaries,$100',
          '3000,General,Fire,Capital,1e3',
          'x',
        ].join('\n'),
      ),
      'USD',
    );
    const amount = 'budget-facts:problems.amount|{"currency":"USD"}';
    const year = 'budget-facts:problems.year|{"min":1900,"max":2200}';
    expect(problems).toEqual([
      { line: 3, column: 'fiscalYear', problem: year, value: '26' },
      { line: 4, column: 'amount', problem: amount, value: '-5' },
      { line: 5, column: 'department', problem: 'budget-facts:problems.required', value: '' },
      { line: 5, column: 'amount', problem: amount, value: '1.234' },
      { line: 6, column: null, problem: 'budget-facts:problems.duplicate|{"first":2}' },
      { line: 7, column: 'amount', problem: amount, value: '$100' },
      { line: 8, column: 'fiscalYear', problem: year, value: '3000' },
      { line: 8, column: 'amount', problem: amount, value: '1e3' },
      { line: 9, column: 'fiscalYear', problem: year, value: 'x' },
      { line: 9, column: 'fund', problem: 'budget-facts:problems.required', value: '' },
      { line: 9, column: 'department', problem: 'budget-facts:problems.required', value: '' },
      { line: 9, column: 'category', problem: 'budget-facts:problems.required', value: '' },
      { line: 9, column: 'amount', problem: 'budget-facts:problems.required', value: '' },
    ]);
  });

  it('refuses more lines than one import takes', () => {
    const rows = Array.from({ length: MAX_LINES + 1 }, (_, i) => `2026,General,D${i},C,1`);
    const { lines, problems } = checkFactFile(file(`fiscal_year,fund,department,category,amount\n${rows.join('\n')}`), 'USD');
    expect(lines).toEqual([]);
    expect(problems).toEqual([{ line: MAX_LINES + 2, column: null, problem: `budget-facts:problems.tooManyLines|{"max":${MAX_LINES}}` }]);
  });
});

describe('the public page query', () => {
  const parse = (query: string) => parseWithSchema(new URLSearchParams(query), FactsQuerySchema);

  it('defaults to departments by amount, largest first, and carries the choices into sort links', () => {
    const parsed = parse('year=2027&compare=2026');
    expect(parsed.status).toBe('success');
    if (parsed.status !== 'success') return;
    expect(parsed.value).toEqual({ year: 2027, compare: 2026, group: 'department', sort: 'amount', dir: 'desc' });
    expect(factsSearch({ ...parsed.value, fiscalYear: 2027 }, { sort: 'name', dir: 'asc' })).toBe(
      '?year=2027&compare=2026&group=department&sort=name&dir=asc',
    );
    expect(parse('compare=').status).toBe('success');
  });

  it('refuses what the page never offers', () => {
    for (const bad of ['year=abc', 'year=99999', 'year=2026.5', 'group=mayor', 'sort=x', 'dir=up', 'compare=1'])
      expect(parse(bad).status, bad).toBe('error');
  });
});

describe('differences in money', () => {
  it('writes and formats a negative amount exactly, and a difference with its sign', () => {
    expect(amountText(-2005n, 'USD')).toBe('-20.05');
    expect(amountText(-5n, 'USD')).toBe('-0.05');
    expect(formatMoney(-2005n, 'USD', 'en', { signed: true })).toBe('-$20.05');
    expect(formatMoney(2005n, 'USD', 'en', { signed: true })).toBe('+$20.05');
    expect(formatMoney(0n, 'USD', 'en', { signed: true })).toBe('$0.00');
  });
});
