import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createInstance } from 'i18next';
import { msg, translateMessage } from '~/lib/forms';
import { fallbackLanguage, localesDir } from '~/lib/i18n';
import { formatDecimalAmount, parseDecimalAmount, toUnits, type DecimalAmount } from './decimal-amount';
import type { TallyInput } from './profile';
import { tallyRuleNamed, type TallyRule } from './tally';

/**
 * Pabulib's `.pb` files (pabulib.org), the format published participatory-budgeting elections
 * come in: a META section of `key;value` lines, then PROJECTS and VOTES, each a `;`-separated
 * table under its own header line. Approval votes only (vote_type approval or choose-1): the
 * `vote` column lists the approved project ids, comma-separated.
 *
 * The cells are read and written by csv-parse / csv-stringify (already the project's CSV
 * libraries) with `;` as the delimiter, so quoted fields (a name holding a `;` or a quote) read as
 * Python's csv module reads them in pabutools, instead of being split by hand. relax_quotes keeps
 * a quote inside an unquoted name literal, as Python does; every cell is trimmed, as pabutools does.
 *
 * A malformed file is refused whole: parsePabulib returns every problem with its line number
 * (unknown section, missing column, bad cost, vote for an unknown project, duplicate voter id…)
 * and no partial election. A problem's message is an i18n key of budgets' pabulib.problems with
 * its values (msg()), so the import page shows it in the reader's language; formatProblems
 * writes it in English from the same locale file, for the command line. toPabulib writes an election back in the same layout, renumbering the
 * voter ids 1…n unless asked to keep them; parsePabulib(toPabulib(e)) gives e back, with META's
 * budget, num_projects and num_votes as they actually are. Each section goes to csv-parse on its
 * own (see readRows), so a 100,000-vote file reads in about a second.
 */

export interface PabulibProject {
  id: string;
  cost: DecimalAmount;
  /** Present when the file has a `name` column. */
  name?: string;
  /** The `selected` column (1 funded, 0 not) when the file has one and the cell is not empty. */
  selected?: boolean;
  /** Every other column by header name (votes, score, category, target, latitude…), as written. */
  fields: Record<string, string>;
}

export interface PabulibVote {
  voterId: string;
  /** Approved project ids, in the order written. */
  approved: string[];
  /** Every other column by header name (age, sex, voting_method, neighborhood…), as written. */
  fields: Record<string, string>;
}

export interface PabulibElection {
  /** Every META line, the budget included, as written. */
  meta: Record<string, string>;
  budget: DecimalAmount;
  /** The PROJECTS header, in order (project_id, cost, name, selected included). */
  projectColumns: string[];
  projects: PabulibProject[];
  /** The VOTES header, in order (voter_id and vote included). */
  voteColumns: string[];
  votes: PabulibVote[];
}

export interface PabulibProblem {
  line: number;
  /** An i18n key with its values, as msg() writes them: `budgets:pabulib.problems.badCost|{"value":"ten"}`. */
  message: string;
}

/** Every problem a .pb file can have (here and in pabulib.server.ts), as keys of budgets' pabulib.problems. */
export const PABULIB_PROBLEMS = [
  'unreadable',
  'unreadableLine',
  'quoteNotClosed',
  'dataBeforeMeta',
  'unknownSection',
  'sectionTwice',
  'sectionOrder',
  'noSection',
  'noHeader',
  'headerEmptyColumn',
  'headerDuplicateColumn',
  'headerMissingColumn',
  'fieldCount',
  'metaFields',
  'emptyMetaKey',
  'metaKeyTwice',
  'noBudget',
  'badBudget',
  'noVoteType',
  'voteType',
  'emptyProjectId',
  'duplicateProject',
  'projectIdComma',
  'badCost',
  'badSelected',
  'emptyVoterId',
  'duplicateVoter',
  'emptyVoteId',
  'voteRepeats',
  'unknownProject',
  'currency',
  'budgetDecimals',
  'costDecimals',
  'badDay',
  'endBeforeBegin',
  'rule',
] as const;
export type PabulibProblemKey = (typeof PABULIB_PROBLEMS)[number];

/** A problem on a line; numbers among the values (lines, counts) stay numbers, for Intl to write. */
export function pabulibProblem(line: number, key: PabulibProblemKey, values?: Record<string, string | number>): PabulibProblem {
  return { line, message: msg(`budgets:pabulib.problems.${key}`, values) };
}

export type PabulibParseResult = { ok: true; election: PabulibElection } | { ok: false; problems: PabulibProblem[] };

const SECTIONS = ['META', 'PROJECTS', 'VOTES'] as const;
type Section = (typeof SECTIONS)[number];
const APPROVAL_VOTE_TYPES = ['approval', 'choose-1'];
/** Column names with a meaning of their own; the others are kept as text. */
const PROJECT_KEYS = ['project_id', 'cost', 'name', 'selected'];
const VOTE_KEYS = ['voter_id', 'vote'];

interface Row {
  line: number;
  cells: string[];
}

/** A section's header line, with where each column is and which ones are kept as plain text. */
interface Header {
  line: number;
  columns: string[];
  usable: boolean;
  index: Map<string, number>;
  others: [string, number][];
}

function makeHeader(line: number, columns: string[], usable: boolean, keys: string[]): Header {
  return {
    line,
    columns,
    usable,
    index: new Map(columns.map((column, i) => [column, i])),
    others: columns.flatMap((column, i): [string, number][] => (keys.includes(column) ? [] : [[column, i]])),
  };
}

function cellOf(header: Header, row: Row, column: string): string | undefined {
  const i = header.index.get(column);
  return i === undefined ? undefined : row.cells[i];
}

function fieldsOf(header: Header, row: Row): Record<string, string> {
  return Object.fromEntries(header.others.map(([column, i]) => [column, row.cells[i]]));
}

/**
 * The file's rows with their first line numbers; CSV syntax errors become problems. Each section
 * is handed to csv-parse on its own, after its section line: csv-parse builds an error object for
 * every record whose length differs from the first one's (even with relax_column_count), which on
 * a whole file (a one-cell META line first) cost seconds for 100,000 votes.
 */
function readRows(text: string, problems: PabulibProblem[]): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: Row[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    const isSection = i < lines.length && lines[i].length <= 16 && SECTIONS.includes(lines[i].trim().toUpperCase() as Section);
    if (i < lines.length && !isSection) continue;
    if (i > start) for (const row of readChunk(lines.slice(start, i).join('\n'), start, problems)) rows.push(row);
    if (i < lines.length) rows.push({ line: i + 1, cells: [lines[i].trim()] });
    start = i + 1;
  }
  return rows;
}

/** Rows of a part of the file that starts after `offset` lines. */
function readChunk(text: string, offset: number, problems: PabulibProblem[]): Row[] {
  const skipped: { endLine: number; code: string; message: string }[] = [];
  // Without a quote every record is one line; with quotes a record may span lines (its line
  // breaks are inside its quoted cells).
  const quoted = text.includes('"');
  let records: (string[] | { record: string[]; info: { lines: number } })[];
  try {
    records = parse(text, {
      delimiter: ';',
      relax_column_count: true,
      relax_quotes: true,
      info: quoted,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push({ endLine: offset + Number(error.lines), code: error.code, message: error.message });
        return undefined;
      },
    }) as unknown as typeof records;
  } catch (error) {
    // csv-parse's own words (English) are the detail: they name what it could not read.
    problems.push(pabulibProblem(offset + 1, 'unreadable', { detail: error instanceof Error ? error.message : String(error) }));
    return [];
  }
  const rows = records.map((item, i) => {
    if (Array.isArray(item)) return { line: offset + i + 1, end: offset + i + 1, cells: item.map((cell) => cell.trim()) };
    const end = offset + item.info.lines;
    const breaks = item.record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: end - breaks, end, cells: item.record.map((cell) => cell.trim()) };
  });
  for (const s of skipped) {
    if (s.code === 'CSV_QUOTE_NOT_CLOSED') {
      // An unclosed quote swallows the rest of the section: it opens on the line after the last row read.
      const before = rows.filter((row) => row.end < s.endLine).at(-1)?.end ?? offset;
      problems.push(pabulibProblem(before + 1, 'quoteNotClosed'));
    } else problems.push(syntaxProblem(s));
  }
  return rows.filter((row) => row.cells.some((cell) => cell !== '')).map(({ line, cells }) => ({ line, cells }));
}

function syntaxProblem(skipped: { endLine: number; message: string }): PabulibProblem {
  return pabulibProblem(skipped.endLine, 'unreadableLine', { detail: skipped.message });
}

function lineCount(text: string): number {
  const body = text.replace(/\r?\n$/, '');
  return body === '' ? 1 : body.split('\n').length;
}

export function parsePabulib(text: string): PabulibParseResult {
  const problems: PabulibProblem[] = [];
  const report = (line: number, key: PabulibProblemKey, values?: Record<string, string | number>) =>
    problems.push(pabulibProblem(line, key, values));
  const rows = readRows(text, problems);

  const sectionLine = new Map<Section, number>();
  let section: Section | 'none' | 'ignored' = 'none';
  let header: Header | null = null;
  let reportedNoSection = false;

  const metaEntries: [string, string][] = [];
  const metaLine = new Map<string, number>();
  const projectColumns: string[] = [];
  const projects: PabulibProject[] = [];
  const projectLine = new Map<string, number>();
  let projectsUsable = false;
  const voteColumns: string[] = [];
  const votes: PabulibVote[] = [];
  const voterLine = new Map<string, number>();

  /** A header line: its columns, or null after reporting what is wrong with it. */
  function readHeader(row: Row, name: Section, required: string[]): string[] | null {
    let usable = true;
    const seen = new Set<string>();
    row.cells.forEach((column) => {
      if (column === '') {
        report(row.line, 'headerEmptyColumn', { section: name });
        usable = false;
      } else if (seen.has(column)) {
        report(row.line, 'headerDuplicateColumn', { section: name, column });
        usable = false;
      }
      seen.add(column);
    });
    for (const column of required) {
      if (!seen.has(column)) {
        report(row.line, 'headerMissingColumn', { section: name, column });
        usable = false;
      }
    }
    return usable ? row.cells : null;
  }

  function fieldCountOk(row: Row): boolean {
    if (!header || row.cells.length === header.columns.length) return true;
    report(row.line, 'fieldCount', { expected: header.columns.length, header: header.line, found: row.cells.length });
    return false;
  }

  function readProject(row: Row) {
    if (!header?.usable || !fieldCountOk(row)) return;
    const cell = (column: string) => cellOf(header!, row, column);
    const id = cell('project_id') ?? '';
    let ok = true;
    if (id === '') {
      report(row.line, 'emptyProjectId');
      ok = false;
    } else if (projectLine.has(id)) {
      report(row.line, 'duplicateProject', { id, first: projectLine.get(id)! });
      ok = false;
    } else projectLine.set(id, row.line);
    if (id.includes(',')) {
      report(row.line, 'projectIdComma', { id });
      ok = false;
    }
    const costText = cell('cost') ?? '';
    const cost = parseDecimalAmount(costText);
    if (!cost) {
      report(row.line, 'badCost', { value: costText });
      ok = false;
    }
    const selectedText = cell('selected');
    if (selectedText !== undefined && !['', '0', '1'].includes(selectedText)) {
      report(row.line, 'badSelected', { value: selectedText });
      ok = false;
    }
    if (!ok || !cost) return;
    const project: PabulibProject = {
      id,
      cost,
      fields: fieldsOf(header, row),
    };
    const name = cell('name');
    if (name !== undefined) project.name = name;
    if (selectedText === '1' || selectedText === '0') project.selected = selectedText === '1';
    projects.push(project);
  }

  function readVote(row: Row) {
    if (!header?.usable || !fieldCountOk(row)) return;
    const cell = (column: string) => cellOf(header!, row, column);
    const voterId = cell('voter_id') ?? '';
    let ok = true;
    if (voterId === '') {
      report(row.line, 'emptyVoterId');
      ok = false;
    } else if (voterLine.has(voterId)) {
      report(row.line, 'duplicateVoter', { id: voterId, first: voterLine.get(voterId)! });
      ok = false;
    } else voterLine.set(voterId, row.line);
    const voteText = cell('vote') ?? '';
    const approved = voteText === '' ? [] : voteText.split(',').map((id) => id.trim());
    approved.forEach((id, i) => {
      if (id === '') {
        report(row.line, 'emptyVoteId', { vote: voteText });
        ok = false;
      } else if (approved.indexOf(id) < i) {
        report(row.line, 'voteRepeats', { id });
        ok = false;
      } else if (projectsUsable && !projectLine.has(id)) {
        report(row.line, 'unknownProject', { id });
        ok = false;
      }
    });
    if (!ok) return;
    votes.push({
      voterId,
      approved,
      fields: fieldsOf(header, row),
    });
  }

  for (const row of rows) {
    const first = row.cells[0];
    const named = row.cells.length === 1 ? SECTIONS.find((s) => s === first.toUpperCase()) : undefined;
    if (named) {
      const expected = SECTIONS[sectionLine.size];
      if (sectionLine.has(named)) {
        report(row.line, 'sectionTwice', { section: named, first: sectionLine.get(named)! });
        section = 'ignored';
      } else if (named !== expected) {
        report(row.line, 'sectionOrder', { section: named, expected });
        section = 'ignored';
      } else {
        sectionLine.set(named, row.line);
        section = named;
      }
      header = null;
      continue;
    }
    if (row.cells.length === 1 && /^[A-Z][A-Z_]*$/.test(first)) {
      report(row.line, 'unknownSection', { name: first });
      section = 'ignored';
      continue;
    }
    if (section === 'ignored') continue;
    if (section === 'none') {
      if (!reportedNoSection) report(row.line, 'dataBeforeMeta');
      reportedNoSection = true;
      continue;
    }
    if (section === 'META') {
      if (!header) {
        header = makeHeader(row.line, ['key', 'value'], true, []);
        // The `key;value` header line is optional (some Pabulib files go straight to the keys).
        if (row.cells.length === 2 && row.cells[0].toLowerCase() === 'key' && row.cells[1].toLowerCase() === 'value') continue;
      }
      if (row.cells.length !== 2) {
        report(row.line, 'metaFields', { count: row.cells.length });
        continue;
      }
      const [key, value] = row.cells;
      if (key === '') report(row.line, 'emptyMetaKey');
      else if (metaLine.has(key)) report(row.line, 'metaKeyTwice', { key, first: metaLine.get(key)! });
      else {
        metaLine.set(key, row.line);
        metaEntries.push([key, value]);
      }
      continue;
    }
    if (!header) {
      const columns = readHeader(row, section, section === 'PROJECTS' ? ['project_id', 'cost'] : ['voter_id', 'vote']);
      header = makeHeader(row.line, row.cells, columns !== null, section === 'PROJECTS' ? PROJECT_KEYS : VOTE_KEYS);
      if (section === 'PROJECTS') {
        projectsUsable = columns !== null;
        projectColumns.push(...row.cells);
      } else voteColumns.push(...row.cells);
      continue;
    }
    if (section === 'PROJECTS') readProject(row);
    else readVote(row);
  }

  const end = lineCount(text);
  for (const name of SECTIONS) if (!sectionLine.has(name)) report(name === 'META' ? 1 : end, 'noSection', { section: name });
  for (const name of ['PROJECTS', 'VOTES'] as const) {
    const at = sectionLine.get(name);
    if (at === undefined) continue;
    const columns = name === 'PROJECTS' ? projectColumns : voteColumns;
    if (!columns.length) report(at, 'noHeader', { section: name });
  }

  const meta = Object.fromEntries(metaEntries);
  const metaAt = (key: string) => metaLine.get(key) ?? sectionLine.get('META') ?? 1;
  let budget: DecimalAmount | null = null;
  if (sectionLine.has('META')) {
    if (meta.budget === undefined) report(metaAt('budget'), 'noBudget');
    else {
      budget = parseDecimalAmount(meta.budget);
      if (!budget) report(metaAt('budget'), 'badBudget', { value: meta.budget });
    }
    if (meta.vote_type === undefined) report(metaAt('vote_type'), 'noVoteType');
    else if (!APPROVAL_VOTE_TYPES.includes(meta.vote_type)) {
      report(metaAt('vote_type'), 'voteType', { value: meta.vote_type });
    }
  }

  if (problems.length || !budget) {
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  }
  return { ok: true, election: { meta, budget, projectColumns, projects, voteColumns, votes } };
}

/**
 * locales/en/budgets.json, read when first needed. No static fs import (nor a JSON import, which
 * Playwright's loader and the Remix compiler read differently), so the module stays pure, as
 * lib/i18n.ts does; null where there is no file system.
 */
function englishBudgets(): Record<string, unknown> | null {
  if (typeof process === 'undefined') return null;
  const fs = process.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  const path = process.getBuiltinModule?.('node:path') as typeof import('node:path') | undefined;
  if (!fs || !path) return null;
  try {
    return JSON.parse(fs.readFileSync(path.join(localesDir(path), fallbackLanguage, 'budgets.json'), 'utf8'));
  } catch {
    return null;
  }
}

type Translate = (key: string, values?: Record<string, unknown>) => string;
let english: Translate | undefined;
/** A problem in English, the command line's and the errors' words; its key and values without a locale file. */
function inEnglish(message: string): string {
  if (!english) {
    const budgets = englishBudgets();
    if (!budgets) return message;
    const instance = createInstance();
    // initImmediate false: with the resources given, init is done when it returns (no await).
    void instance.init({
      lng: fallbackLanguage,
      ns: ['budgets'],
      defaultNS: 'budgets',
      resources: { [fallbackLanguage]: { budgets } },
      initImmediate: false,
      interpolation: { escapeValue: false },
    });
    english = instance.getFixedT(fallbackLanguage) as Translate;
  }
  return translateMessage(message, english, fallbackLanguage);
}

/** "line 12: bad cost 'abc': …", one problem a line, in English. */
export function formatProblems(problems: readonly PabulibProblem[]): string {
  return problems.map((p) => `line ${p.line}: ${inEnglish(p.message)}`).join('\n');
}

/** A thrown form of a refused file, for callers that prefer exceptions. */
export class PabulibError extends Error {
  override name = 'PabulibError';
  constructor(readonly problems: PabulibProblem[]) {
    super(formatProblems(problems));
  }
}

export function parsePabulibOrThrow(text: string): PabulibElection {
  const result = parsePabulib(text);
  if (!result.ok) throw new PabulibError(result.problems);
  return result.election;
}

export interface ToPabulibOptions {
  /** 'renumber' (default): voter ids 1…n in the votes' order, so no id of ours leaves; 'keep': as given. */
  voterIds?: 'renumber' | 'keep';
}

function withColumns(given: readonly string[], required: readonly string[], extra: Iterable<string>): string[] {
  const columns = [...given];
  for (const column of [...required, ...extra]) if (!columns.includes(column)) columns.push(column);
  return columns;
}

function section(name: Section, rows: string[][]): string {
  return `${name}\n${stringify(rows, { delimiter: ';', record_delimiter: 'unix' })}`;
}

/** The election as a .pb file (META with the actual budget and counts, PROJECTS, VOTES). */
export function toPabulib(election: PabulibElection, options: ToPabulibOptions = {}): string {
  const meta: Record<string, string> = { ...election.meta };
  meta.budget = formatDecimalAmount(election.budget);
  meta.num_projects = String(election.projects.length);
  meta.num_votes = String(election.votes.length);
  meta.vote_type ??= 'approval';

  const projectColumns = withColumns(
    election.projectColumns,
    ['project_id', 'cost'],
    [
      ...(election.projects.some((p) => p.name !== undefined) ? ['name'] : []),
      ...(election.projects.some((p) => p.selected !== undefined) ? ['selected'] : []),
      ...election.projects.flatMap((p) => Object.keys(p.fields)),
    ],
  );
  const projectRows = election.projects.map((project) =>
    projectColumns.map((column) => {
      if (column === 'project_id') return project.id;
      if (column === 'cost') return formatDecimalAmount(project.cost);
      if (column === 'name') return project.name ?? '';
      if (column === 'selected') return project.selected === undefined ? '' : project.selected ? '1' : '0';
      return project.fields[column] ?? '';
    }),
  );

  const voteColumns = withColumns(election.voteColumns, ['voter_id'], [...election.votes.flatMap((v) => Object.keys(v.fields)), 'vote']);
  const renumber = (options.voterIds ?? 'renumber') === 'renumber';
  const voteRows = election.votes.map((vote, i) =>
    voteColumns.map((column) => {
      if (column === 'voter_id') return renumber ? String(i + 1) : vote.voterId;
      if (column === 'vote') return vote.approved.join(',');
      return vote.fields[column] ?? '';
    }),
  );

  return [
    section('META', [['key', 'value'], ...Object.entries(meta)]),
    section('PROJECTS', [projectColumns, ...projectRows]),
    section('VOTES', [voteColumns, ...voteRows]),
  ].join('');
}

/**
 * The election as the rules' input: every amount in the file's smallest unit (cents when the
 * budget or a cost has them), with one currency unit as equal shares' step.
 */
export function toTallyInput(election: PabulibElection): TallyInput {
  const decimals = Math.max(election.budget.decimals, ...election.projects.map((p) => p.cost.decimals));
  return {
    budget: toUnits(election.budget, decimals),
    projects: election.projects.map((p) => ({ id: p.id, cost: toUnits(p.cost, decimals) })),
    ballots: election.votes.map((v) => v.approved),
    currencyUnit: 10n ** BigInt(decimals),
  };
}

/** The rule named by META `rule` when it is one of ours (see tallyRuleNamed), else null. */
export function ruleOfElection(election: PabulibElection): TallyRule | null {
  return election.meta.rule === undefined ? null : tallyRuleNamed(election.meta.rule);
}
