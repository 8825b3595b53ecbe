import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInstance } from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { splitMessage, translateMessage } from '~/lib/forms';
import { formatDecimalAmount, parseDecimalAmount } from '~/modules/budgets/tally/decimal-amount';
import { equalShares } from '~/modules/budgets/tally/equal-shares';
import { greedy } from '~/modules/budgets/tally/greedy';
import {
  formatProblems,
  PABULIB_PROBLEMS,
  pabulibProblem,
  parsePabulib,
  parsePabulibOrThrow,
  PabulibError,
  ruleOfElection,
  toPabulib,
  toTallyInput,
  type PabulibElection,
  type PabulibProblem,
} from '~/modules/budgets/tally/pabulib';
import { main } from '../../scripts/pb-tally';
import { PABULIB_DIR, PABULIB_FILES } from '../support/pabulib';

/** Pabulib `.pb` files in and out, on the six real elections kept in ../shared and on broken ones. */
const PABULIB = PABULIB_DIR;
const FILES: readonly string[] = PABULIB_FILES;
const pathOf = (file: string) => resolve(PABULIB, file);
const read = (file: string) => parsePabulibOrThrow(readFileSync(pathOf(file), 'utf8'));
const PREFIX = 'budgets:pabulib.problems.';
/** A problem as its line, its key in budgets' pabulib.problems and its values (numbers stay numbers). */
type Problem = { line: number; key: string; values?: Record<string, unknown> };
const decoded = (problems: readonly PabulibProblem[]): Problem[] =>
  problems.map(({ line, message }) => {
    const [key, values] = splitMessage(message);
    // A key outside the section keeps its prefix, so it shows in the failure.
    const short = key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key;
    return values ? { line, key: short, values } : { line, key: short };
  });
const rawProblemsOf = (lines: string[]): PabulibProblem[] => {
  const result = parsePabulib(lines.join('\n') + '\n');
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
};
const problemsOf = (lines: string[]): Problem[] => decoded(rawProblemsOf(lines));

/** A translate function in one language, from its locale file as the server reads it. */
function translatorIn(lng: 'en' | 'es') {
  const instance = createInstance();
  void instance.init({
    lng,
    ns: ['budgets'],
    defaultNS: 'budgets',
    resources: { [lng]: { budgets: localeOf(lng) } },
    initImmediate: false,
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(lng) as (key: string, values?: Record<string, unknown>) => string;
}
const localeOf = (lng: 'en' | 'es') => JSON.parse(readFileSync(resolve('locales', lng, 'budgets.json'), 'utf8'));

const scratch = mkdtempSync(join(tmpdir(), 'pb-tally-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('decimal amounts', () => {
  it('read exactly, with a point or a comma, and write back the digits given', () => {
    expect(parseDecimalAmount('308298.85')).toEqual({ units: 30829885n, decimals: 2 });
    expect(parseDecimalAmount(' 1500,50 ')).toEqual({ units: 150050n, decimals: 2 });
    expect(parseDecimalAmount('150000')).toEqual({ units: 150000n, decimals: 0 });
    for (const bad of ['', '-5', '1e6', '12x', '1.2.3', '.5']) expect(parseDecimalAmount(bad)).toBeNull();
    expect(formatDecimalAmount({ units: 30829885n, decimals: 2 })).toBe('308298.85');
    expect(formatDecimalAmount({ units: 5n, decimals: 3 })).toBe('0.005');
    expect(formatDecimalAmount({ units: 150050n, decimals: 2 })).toBe('1500.50');
  });
});

describe('reading the six elections', () => {
  it.each(FILES)('%s: as many projects and votes as its META says', (file) => {
    const election = read(file);
    expect(election.projects).toHaveLength(Number(election.meta.num_projects));
    expect(election.votes).toHaveLength(Number(election.meta.num_votes));
    expect(election.meta.vote_type).toBe('approval');
  });

  it('keeps a budget with cents exactly, and reads a META without its key;value line (Kamionek)', () => {
    const kamionek = read('poland_warszawa_2017_kamionek.pb');
    expect(kamionek.meta.description).toBe('Local PB in Warsaw, Praga-Południe | Kamionek');
    expect(kamionek.budget).toEqual({ units: 30829885n, decimals: 2 });
    const input = toTallyInput(kamionek);
    expect(input.budget).toBe(30829885n);
    expect(input.currencyUnit).toBe(100n);
    expect(input.projects[0]).toEqual({ id: '2542', cost: 15000000n });
  });

  it('keeps every other column as text: categories, scores, voters’ age and sex, empty coordinates', () => {
    const kamionek = read('poland_warszawa_2017_kamionek.pb');
    expect(kamionek.projectColumns).toEqual(['project_id', 'cost', 'category', 'votes', 'name', 'target', 'selected', 'score']);
    expect(kamionek.projects[0]).toEqual({
      id: '2542',
      cost: { units: 150000n, decimals: 0 },
      name: 'Kolorowy Plac Zabaw przy SP 255',
      selected: true,
      fields: { category: 'education,sport', votes: '517', target: 'children', score: '1263' },
    });
    expect(kamionek.votes[0]).toEqual({
      voterId: '77',
      approved: ['293', '2028'],
      fields: { age: '27', sex: 'F', voting_method: 'internet' },
    });
    const targowek = read('poland_warszawa_2023_targowek.pb');
    expect(targowek.projects.find((p) => p.id === '53')?.fields).toMatchObject({ latitude: '', longitude: '' });
    const zandka = read('poland_zabrze_2020_zandka.pb');
    expect(zandka.projects.find((p) => p.id === 'P0055')).toEqual({
      id: 'P0055',
      cost: { units: 41000n, decimals: 0 },
      name: 'Zabudowa kontenerów do segregacji śmieci',
      fields: { votes: '0' },
    });
    expect(zandka.voteColumns).toEqual(['voter_id', 'vote']);
  });

  it('names the rule of the file when it is one of ours', () => {
    const okecie = read('poland_warszawa_2019_okecie.pb');
    expect(ruleOfElection(okecie)).toBe('greedy');
    expect(ruleOfElection({ ...okecie, meta: { ...okecie.meta, rule: 'equalshares/add1' } })).toBe('equal-shares');
    expect(ruleOfElection({ ...okecie, meta: { ...okecie.meta, rule: 'greedy-threshold' } })).toBeNull();
  });
});

describe('writing .pb files', () => {
  it.each(FILES)('%s: parse → write → parse gives the same election and the same tally', (file) => {
    const election = read(file);
    expect(parsePabulibOrThrow(toPabulib(election, { voterIds: 'keep' }))).toEqual(election);
    // By default the voter ids are renumbered 1…n (anonymous); everything else is unchanged.
    const anonymous = parsePabulibOrThrow(toPabulib(election));
    expect(anonymous).toEqual({ ...election, votes: election.votes.map((vote, i) => ({ ...vote, voterId: String(i + 1) })) });
    const input = toTallyInput(election);
    expect(toTallyInput(anonymous)).toEqual(input);
    expect(greedy(toTallyInput(anonymous))).toEqual(greedy(input));
  });

  it('gives the same equal-shares tally after a round trip', () => {
    for (const file of ['poland_warszawa_2017_kamionek.pb', 'poland_zabrze_2020_zandka.pb']) {
      const election = read(file);
      expect(equalShares(toTallyInput(parsePabulibOrThrow(toPabulib(election))))).toEqual(equalShares(toTallyInput(election)));
    }
  });

  it('quotes the cells that need it, writes the actual counts and budget, and reads it all back', () => {
    const election: PabulibElection = {
      meta: {
        description: 'Test; with a semicolon',
        country: 'Nowhere',
        num_votes: '99',
        budget: '1',
        vote_type: 'approval',
        rule: 'equal-shares',
      },
      budget: { units: 100050n, decimals: 2 },
      projectColumns: ['project_id', 'cost', 'name', 'selected', 'category'],
      projects: [
        { id: 'P1', cost: { units: 50000n, decimals: 2 }, name: 'Park; "Zielony"', selected: true, fields: { category: 'green,parks' } },
        { id: 'P2', cost: { units: 700n, decimals: 0 }, name: ' spaced ', fields: { category: '' } },
      ],
      voteColumns: ['voter_id', 'neighborhood', 'vote'],
      votes: [
        { voterId: 'secret-a', approved: ['P1', 'P2'], fields: { neighborhood: 'North;East' } },
        { voterId: 'secret-b', approved: [], fields: { neighborhood: 'South' } },
      ],
    };
    const text = toPabulib(election);
    expect(text).toBe(
      [
        'META',
        'key;value',
        'description;"Test; with a semicolon"',
        'country;Nowhere',
        'num_votes;2',
        'budget;1000.50',
        'vote_type;approval',
        'rule;equal-shares',
        'num_projects;2',
        'PROJECTS',
        'project_id;cost;name;selected;category',
        'P1;500.00;"Park; ""Zielony""";1;green,parks',
        'P2;700; spaced ;;',
        'VOTES',
        'voter_id;neighborhood;vote',
        '1;"North;East";P1,P2',
        '2;South;',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('secret');
    const back = parsePabulibOrThrow(text);
    expect(back.meta).toEqual({ ...election.meta, num_votes: '2', budget: '1000.50', num_projects: '2' });
    expect(back.projects[0]).toEqual(election.projects[0]);
    // Cells are trimmed when read, as pabutools does.
    expect(back.projects[1]).toEqual({ ...election.projects[1], name: 'spaced' });
    expect(back.votes).toEqual([
      { voterId: '1', approved: ['P1', 'P2'], fields: { neighborhood: 'North;East' } },
      { voterId: '2', approved: [], fields: { neighborhood: 'South' } },
    ]);
  });

  it('adds the columns an election built by the app leaves out', () => {
    const election: PabulibElection = {
      meta: { description: 'From the app' },
      budget: { units: 10n, decimals: 0 },
      projectColumns: [],
      projects: [{ id: 'A', cost: { units: 6n, decimals: 0 }, name: 'Swings', fields: {} }],
      voteColumns: [],
      votes: [{ voterId: 'x', approved: ['A'], fields: {} }],
    };
    const back = parsePabulibOrThrow(toPabulib(election));
    expect(back.projectColumns).toEqual(['project_id', 'cost', 'name']);
    expect(back.voteColumns).toEqual(['voter_id', 'vote']);
    expect(back.meta).toEqual({ description: 'From the app', budget: '10', num_projects: '1', num_votes: '1', vote_type: 'approval' });
    expect(back.projects).toEqual(election.projects);
  });

  it('reads a byte-order mark and Windows line ends', () => {
    const text =
      '\uFEFFMETA\r\nkey;value\r\nbudget;10\r\nvote_type;approval\r\nPROJECTS\r\nproject_id;cost\r\nA;4\r\nVOTES\r\nvoter_id;vote\r\n1;A\r\n';
    const election = parsePabulibOrThrow(text);
    expect(election.meta).toEqual({ budget: '10', vote_type: 'approval' });
    expect(election.votes).toEqual([{ voterId: '1', approved: ['A'], fields: {} }]);
  });
});

/** A file with most of the problems a .pb file can have, one or two a line. */
const MANY_PROBLEMS = [
  'META', // 1
  'key;value', // 2
  'budget;12x', // 3
  'vote_type;approval', // 4
  'rule;greedy', // 5
  'rule;equal-shares', // 6
  'SCORES', // 7
  'a;b', // 8: inside the unknown section, not read
  'PROJECTS', // 9
  'project_id;cost;name;selected', // 10
  '1;100;Park;1', // 11
  '2;abc;Bench;0', // 12
  '1;50;Again;0', // 13
  '3;40;Lamp', // 14
  '4;10;Tree;yes', // 15
  'VOTES', // 16
  'voter_id;age;vote', // 17
  'v1;30;1,4', // 18
  'v2;41;1,9', // 19
  'v1;52;4', // 20
  'v3;33;4,4', // 21
  'v4;20;1,,4', // 22
];

describe('malformed files', () => {
  it('are refused whole, with every problem on its line', () => {
    const problems = rawProblemsOf(MANY_PROBLEMS);
    expect(decoded(problems)).toEqual([
      { line: 3, key: 'badBudget', values: { value: '12x' } },
      { line: 6, key: 'metaKeyTwice', values: { key: 'rule', first: 5 } },
      { line: 7, key: 'unknownSection', values: { name: 'SCORES' } },
      { line: 12, key: 'badCost', values: { value: 'abc' } },
      { line: 13, key: 'duplicateProject', values: { id: '1', first: 11 } },
      { line: 14, key: 'fieldCount', values: { expected: 4, header: 10, found: 3 } },
      { line: 15, key: 'badSelected', values: { value: 'yes' } },
      { line: 19, key: 'unknownProject', values: { id: '9' } },
      { line: 20, key: 'duplicateVoter', values: { id: 'v1', first: 18 } },
      { line: 21, key: 'voteRepeats', values: { id: '4' } },
      { line: 22, key: 'emptyVoteId', values: { vote: '1,,4' } },
    ]);
    // The command line's report: English from the locale file.
    expect(formatProblems(problems)).toBe(
      [
        "line 3: bad budget '12x': expected a non-negative number such as 900000 or 308298.85",
        "line 6: META key 'rule' appears twice (first on line 5)",
        "line 7: unknown section 'SCORES' (expected META, PROJECTS or VOTES)",
        "line 12: bad cost 'abc': expected a non-negative number such as 150000 or 1500.50",
        "line 13: duplicate project id '1' (first on line 11)",
        'line 14: expected 4 fields as in the header on line 10, found 3',
        "line 15: bad selected value 'yes': expected 1 (funded) or 0",
        "line 19: vote for unknown project '9'",
        "line 20: duplicate voter id 'v1' (first on line 18)",
        "line 21: project '4' appears twice in the vote",
        "line 22: empty project id in the vote '1,,4'",
      ].join('\n'),
    );
  });

  it('report missing columns, and read no row they would explain', () => {
    expect(
      problemsOf(['META', 'budget;10', 'vote_type;approval', 'PROJECTS', 'project_id;name', 'A;Park', 'VOTES', 'voter_id', '1']),
    ).toEqual([
      { line: 5, key: 'headerMissingColumn', values: { section: 'PROJECTS', column: 'cost' } },
      { line: 8, key: 'headerMissingColumn', values: { section: 'VOTES', column: 'vote' } },
    ]);
    expect(problemsOf(['META', 'budget;10', 'vote_type;approval', 'PROJECTS', 'project_id;cost;cost', 'VOTES', 'voter_id;;vote'])).toEqual([
      { line: 5, key: 'headerDuplicateColumn', values: { section: 'PROJECTS', column: 'cost' } },
      { line: 7, key: 'headerEmptyColumn', values: { section: 'VOTES' } },
    ]);
  });

  it('report missing, misplaced and repeated sections', () => {
    expect(problemsOf(['hello;world'])).toEqual([
      { line: 1, key: 'dataBeforeMeta' },
      { line: 1, key: 'noSection', values: { section: 'META' } },
      { line: 1, key: 'noSection', values: { section: 'PROJECTS' } },
      { line: 1, key: 'noSection', values: { section: 'VOTES' } },
    ]);
    expect(
      problemsOf(['META', 'budget;10', 'vote_type;approval', 'VOTES', 'voter_id;vote', 'PROJECTS', 'project_id;cost', 'PROJECTS']),
    ).toEqual([
      { line: 4, key: 'sectionOrder', values: { section: 'VOTES', expected: 'PROJECTS' } },
      { line: 8, key: 'sectionTwice', values: { section: 'PROJECTS', first: 6 } },
      { line: 8, key: 'noSection', values: { section: 'VOTES' } },
    ]);
    expect(problemsOf(['META', 'budget;10', 'vote_type;approval', 'PROJECTS', 'VOTES', 'voter_id;vote'])).toEqual([
      { line: 4, key: 'noHeader', values: { section: 'PROJECTS' } },
    ]);
  });

  it('report a missing budget, an unsupported vote type and a broken META line', () => {
    expect(
      problemsOf(['META', 'key;value', 'vote_type;ordinal', 'country', 'PROJECTS', 'project_id;cost', 'VOTES', 'voter_id;vote']),
    ).toEqual([
      { line: 1, key: 'noBudget' },
      { line: 3, key: 'voteType', values: { value: 'ordinal' } },
      { line: 4, key: 'metaFields', values: { count: 1 } },
    ]);
  });

  it('count lines right after a quoted cell that spans lines', () => {
    const lines = [
      'META',
      'budget;10',
      'vote_type;approval',
      'PROJECTS',
      'project_id;cost;name',
      'A;5;"Two',
      'lines"',
      'B;x;Bench',
      'VOTES',
      'voter_id;vote',
      '1;A',
    ];
    expect(problemsOf(lines)).toEqual([{ line: 8, key: 'badCost', values: { value: 'x' } }]);
    const fixed = parsePabulibOrThrow([...lines.slice(0, 7), 'B;7;Bench', ...lines.slice(8)].join('\n'));
    expect(fixed.projects.map((p) => p.name)).toEqual(['Two\nlines', 'Bench']);
    expect(parsePabulibOrThrow(toPabulib(fixed, { voterIds: 'keep' }))).toEqual({
      ...fixed,
      meta: { ...fixed.meta, num_projects: '2', num_votes: '1' },
    });
  });

  it('report a quote that is never closed (it swallows the rest of its section, not the next one)', () => {
    expect(
      problemsOf([
        'META',
        'budget;10',
        'vote_type;approval',
        'PROJECTS',
        'project_id;cost;name',
        '1;5;"Park',
        'VOTES',
        'voter_id;vote',
        '1;1',
      ]),
    ).toEqual([
      { line: 6, key: 'quoteNotClosed' },
      { line: 9, key: 'unknownProject', values: { id: '1' } },
    ]);
  });

  it('throw the whole report from parsePabulibOrThrow', () => {
    expect(() => parsePabulibOrThrow('META\nbudget;-3\n')).toThrow(PabulibError);
    try {
      parsePabulibOrThrow('META\nbudget;-3\n');
    } catch (error) {
      expect((error as PabulibError).problems.map((p) => p.line)).toEqual([1, 2, 2, 2]);
      expect((error as PabulibError).message).toBe(
        [
          'line 1: META has no vote_type',
          'line 2: no PROJECTS section',
          'line 2: no VOTES section',
          "line 2: bad budget '-3': expected a non-negative number such as 900000 or 308298.85",
        ].join('\n'),
      );
    }
  });
});

describe('problems in the reader’s language', () => {
  const en = localeOf('en').pabulib.problems as Record<string, string>;
  const es = localeOf('es').pabulib.problems as Record<string, string>;

  it('has every problem key of the code, and only those, in both locale files (plural forms for counts)', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    const inLocale = new Set(Object.keys(en).map((key) => key.replace(/_(one|other)$/, '')));
    expect([...inLocale].sort()).toEqual([...PABULIB_PROBLEMS].sort());
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one'))) expect(en).toHaveProperty(key.replace(/_one$/, '_other'));
    // Pabulib's own words stay as the file writes them in Spanish too.
    expect(es.noBudget).toContain('budget');
    expect(es.emptyProjectId).toContain('project_id');
    expect(es.sectionOrder).toContain('META, PROJECTS, VOTES');
  });

  it('writes every problem of a file in Spanish and English, numbers as each language writes them', () => {
    const [tEs, tEn] = [translatorIn('es'), translatorIn('en')];
    const problems = [
      ...rawProblemsOf(MANY_PROBLEMS),
      ...rawProblemsOf(['hello;world']),
      ...rawProblemsOf([
        'META',
        'key;value',
        'vote_type;ordinal',
        'country',
        'PROJECTS',
        'project_id;cost;cost',
        'VOTES',
        'voter_id;;vote',
      ]),
    ];
    for (const { message } of problems) {
      for (const [t, lng] of [
        [tEs, 'es'],
        [tEn, 'en'],
      ] as const) {
        const text = translateMessage(message, t, lng);
        expect(text).not.toContain('{{');
        // A missing translation comes back as its key (without the namespace).
        expect(text).not.toContain('pabulib.problems.');
      }
    }
    expect(translateMessage(rawProblemsOf(MANY_PROBLEMS)[4].message, tEs, 'es')).toBe(
      "id de proyecto '1' repetido (primero en la línea 11)",
    );
    expect(translateMessage(pabulibProblem(4, 'metaFields', { count: 3 }).message, tEs, 'es')).toBe(
      "una línea de META es key;value, pero esta tiene 3 campos (ponga entre comillas un valor que contenga ';')",
    );
    expect(translateMessage(pabulibProblem(4, 'metaFields', { count: 1 }).message, tEn, 'en')).toBe(
      "a META line is key;value, found 1 field (quote a value that holds a ';')",
    );
    // A long file's line numbers: grouped as each language groups them.
    const late = pabulibProblem(20001, 'duplicateVoter', { id: 'v9', first: 12345 }).message;
    expect(translateMessage(late, tEs, 'es')).toBe("id de votante 'v9' repetido (primero en la línea 12.345)");
    expect(translateMessage(late, tEn, 'en')).toBe("duplicate voter id 'v9' (first on line 12,345)");
    expect(translateMessage(pabulibProblem(3, 'budgetDecimals', { count: 0, currency: 'JPY' }).message, tEs, 'es')).toBe(
      'budget debe ser mayor que 0, con 0 decimales como máximo en JPY',
    );
  });
});

describe('npm run pb:tally', () => {
  function run(argv: string[]) {
    let out = '';
    let err = '';
    const code = main(argv, { out: (text) => (out += text), err: (text) => (err += text) });
    return { code, out, err };
  }

  it('prints the selected ids, one a line, with the rule named by the file (greedy here)', () => {
    const result = run([pathOf('poland_warszawa_2019_okecie.pb')]);
    expect(result.code).toBe(0);
    expect(result.out.trimEnd().split('\n')).toEqual(greedy(toTallyInput(read('poland_warszawa_2019_okecie.pb'))));
    expect(result.err).toBe('');
  });

  it('takes --rule, and a META rule of equal shares as the default', () => {
    expect(run([pathOf('poland_zabrze_2020_zandka.pb'), '--rule', 'equal-shares'])).toEqual({ code: 0, out: 'P0097\nP0015\n', err: '' });
    const kamionek = read('poland_warszawa_2017_kamionek.pb');
    const file = join(scratch, 'kamionek-mes.pb');
    writeFileSync(file, toPabulib({ ...kamionek, meta: { ...kamionek.meta, rule: 'equalshares/add1' } }));
    expect(run([file]).out).toBe('2542\n959\n2577\n699\n81\n2028\n');
    expect(run([file, '--rule', 'greedy']).out).toBe('2542\n959\n2577\n699\n81\n293\n');
  });

  it('prints the line report of a malformed file on stderr and exits 1', () => {
    const file = join(scratch, 'broken.pb');
    writeFileSync(file, 'META\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\nA;ten\nVOTES\nvoter_id;vote\n1;B\n');
    expect(run([file])).toEqual({
      code: 1,
      out: '',
      err: `${file}: not a valid .pb file\nline 6: bad cost 'ten': expected a non-negative number such as 150000 or 1500.50\nline 9: vote for unknown project 'B'\n`,
    });
    expect(run([join(scratch, 'missing.pb')]).code).toBe(1);
  });

  it('exits 2 on bad usage', () => {
    expect(run([]).code).toBe(2);
    expect(run([pathOf('poland_zabrze_2020_zandka.pb'), '--rule', 'mes'])).toMatchObject({ code: 2, out: '' });
  });

  it('runs as a command through tsx, with the ~/ imports of the app', { timeout: 60_000 }, () => {
    const out = execFileSync('npx', ['tsx', 'scripts/pb-tally.ts', pathOf('poland_zabrze_2020_zandka.pb')], { encoding: 'utf8' });
    expect(out).toBe('P0097\nP0015\n');
  });
});
