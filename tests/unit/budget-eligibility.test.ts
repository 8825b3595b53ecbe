import { describe, expect, it } from 'vitest';
import { normalizeAddress } from '~/modules/budgets/eligibility/address';
import { checkCensus, PROBLEMS_MAX } from '~/modules/budgets/eligibility/census-file';
import { CODE_LENGTH, hashOfTyped, newLetterCode } from '~/modules/budgets/eligibility/letter-code.server';
import { can, ROLES } from '~/modules/identity/policy';
import { parseCsv } from '~/modules/requests/legacy-import/csv.server';

const NEIGHBORHOODS = [
  { id: 'n-flores', slug: 'las-flores', name: { en: 'Las Flores', es: 'Las Flores' } },
  { id: 'n-river', slug: 'riverside', name: { en: 'Riverside', es: 'Ribera del Río' } },
];

function census(text: string) {
  const read = parseCsv(text);
  if (!read.ok) throw new Error(read.error);
  return checkCensus(read.file, NEIGHBORHOODS);
}

describe('address normalization', () => {
  it('ignores case, accents, punctuation and extra spaces', () => {
    expect(normalizeAddress('  120   CALLE  Núñez,  Apt. 4-B ')).toBe('120 calle nunez apartment 4 b');
    expect(normalizeAddress('120 calle NÚÑEZ apt 4 b')).toBe(normalizeAddress('120 Calle Nunez, Apartment 4-B'));
    expect(normalizeAddress('Avda. de la Constitución, 7')).toBe('avenida de la constitucion 7');
  });

  it('writes out common abbreviations, as whole words only', () => {
    expect(normalizeAddress('12 Oak St.')).toBe(normalizeAddress('12 oak street'));
    expect(normalizeAddress('5 Main Ave')).toBe('5 main avenue');
    expect(normalizeAddress('9 Hill Rd')).toBe('9 hill road');
    expect(normalizeAddress('1 Sunset Blvd')).toBe('1 sunset boulevard');
    // "st" inside a word, or "Stone", is left alone.
    expect(normalizeAddress('3 Stone Rd')).toBe('3 stone road');
    expect(normalizeAddress('4 Eastside Way')).toBe('4 eastside way');
  });

  it('keeps what differs: the number, the word order', () => {
    expect(normalizeAddress('12 Oak Street')).not.toBe(normalizeAddress('14 Oak Street'));
    expect(normalizeAddress('12 Oak Street')).not.toBe(normalizeAddress('Oak Street 12'));
    expect(normalizeAddress(' ,.- ')).toBe('');
  });
});

describe('census files', () => {
  it('reads address and neighborhood columns by their English or Spanish headers, the neighborhood by slug or any name', () => {
    const { rows, problems } = census(
      'Dirección;Barrio\n120 Calle Rosa;las-flores\n"4 Oak St., Apt 2";Ribera del Río\n7 Elm Ave;RIVERSIDE\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, address: '120 Calle Rosa', normalized: '120 calle rosa', neighborhoodId: 'n-flores' },
      { line: 3, address: '4 Oak St., Apt 2', normalized: '4 oak street apartment 2', neighborhoodId: 'n-river' },
      { line: 4, address: '7 Elm Ave', normalized: '7 elm avenue', neighborhoodId: 'n-river' },
    ]);
  });

  it('reports every line that cannot be stored, with its line number as a spreadsheet counts', () => {
    const { problems } = census(
      'address,neighborhood,notes\n1 Oak St,las-flores,\n,las-flores,x\n2 Oak St,,\n3 Oak St,Nowhere\n1 OAK STREET,riverside\n' +
        `${'x'.repeat(201)},riverside\n`,
    );
    expect(problems).toEqual([
      { line: 3, problem: 'eligibility:census.problems.noAddress' },
      { line: 4, problem: 'eligibility:census.problems.noNeighborhood' },
      { line: 5, problem: 'eligibility:census.problems.unknownNeighborhood', value: 'Nowhere' },
      { line: 6, problem: 'eligibility:census.problems.duplicate|{"line":2}', value: '1 OAK STREET' },
      { line: 7, problem: 'eligibility:census.problems.tooLong|{"max":200}', value: 'x'.repeat(40) },
    ]);
  });

  it('refuses a file without the two columns on its header line', () => {
    expect(census('street,area\n1 Oak St,las-flores\n').problems).toEqual([{ line: 1, problem: 'eligibility:census.problems.headers' }]);
  });

  it('stops reporting after PROBLEMS_MAX lines', () => {
    const lines = Array.from({ length: PROBLEMS_MAX + 50 }, (_, i) => `${i} Oak St,Nowhere`).join('\n');
    expect(census(`address,neighborhood\n${lines}\n`).problems).toHaveLength(PROBLEMS_MAX);
  });
});

describe('letter codes', () => {
  it('are ten characters in two groups, matched however they are typed', () => {
    const { code, hash } = newLetterCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(code.replace('-', '')).toHaveLength(CODE_LENGTH);
    expect(hashOfTyped(code)).toBe(hash);
    expect(hashOfTyped(` ${code.toLowerCase().replace('-', ' ')} `)).toBe(hash);
    expect(hashOfTyped(code.replace('-', ''))).toBe(hash);
  });

  it('read O as 0 and I or L as 1, and refuse what cannot be a code', () => {
    expect(hashOfTyped('O1234-56789')).toBe(hashOfTyped('01234-56789'));
    expect(hashOfTyped('I1234-5678L')).toBe(hashOfTyped('11234-56781'));
    for (const bad of ['', '12345', '12345-678901', 'UUUUU-UUUUU', '12345-6789!']) expect(hashOfTyped(bad), bad).toBeNull();
  });

  it('are new each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newLetterCode().code));
    expect(codes.size).toBe(200);
  });

  it('are printed by admins only', () => {
    const actor = (role: string) => ({ id: 'u', status: 'active', grants: [{ role, scopeKind: null, scopeId: null }] });
    for (const role of ROLES) expect(can(actor(role), 'print:residency-letter')).toBe(role === 'admin');
  });
});
