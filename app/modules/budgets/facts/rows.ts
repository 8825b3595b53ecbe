import { z } from 'zod';
import { msg } from '~/lib/forms';
import { foldKey } from '~/modules/requests/legacy-import/fields';
import type { CsvFile } from '~/modules/requests/legacy-import/csv.server';
import { parseAmount } from '../money';

/**
 * Checking a budget-facts CSV file (docs/decisions/0024-participatory-budgeting.md): the five
 * columns found by their headers (English or Spanish, any case or accents), then each data row
 * read with zod into a line or problems. Problems are i18n keys in the forms' format
 * (`key|{values}`), numbered by line as a spreadsheet numbers them (the header is line 1), so the
 * staff page shows them in the reader's language. A file with any problem is refused whole.
 */
export const FACT_COLUMNS = ['fiscalYear', 'fund', 'department', 'category', 'amount'] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

/** Headers each column is known by, folded (lower case, no accents, letters and digits only). */
const HEADERS: Record<FactColumn, string[]> = {
  fiscalYear: ['fiscalyear', 'year', 'fy', 'anofiscal', 'ano', 'ejercicio'],
  fund: ['fund', 'fondo'],
  department: ['department', 'dept', 'departamento'],
  category: ['category', 'categoria'],
  amount: ['amount', 'importe', 'monto', 'cantidad'],
};

/**
 * A city budget has hundreds of lines; this keeps one import (Prisma writes its lines at about
 * 2 ms each on a busy machine) well within one transaction's time.
 */
export const MAX_LINES = 2000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

export type FactLine = { line: number; fiscalYear: number; fund: string; department: string; category: string; amount: bigint };
export type FactProblem = { line: number; column: FactColumn | null; problem: string; value?: string };
export type CheckedFile = { lines: FactLine[]; problems: FactProblem[] };

const P = (key: string, values?: Record<string, unknown>) => msg(`budget-facts:problems.${key}`, values);

/** The first data row is line 2: the header is line 1. */
const lineNumber = (index: number) => index + 2;

const text = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() : v),
  z
    .string()
    .min(1, P('required'))
    .max(120, P('tooLong', { max: 120 })),
);

const filled = z.string().trim().min(1, P('required'));

function lineSchema(currency: string) {
  return z.object({
    fiscalYear: filled.transform((v, ctx) => {
      const m = /^(?:FY\s?)?(\d{4})$/i.exec(v);
      const year = m ? Number(m[1]) : NaN;
      if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('year', { min: MIN_YEAR, max: MAX_YEAR }) });
        return z.NEVER;
      }
      return year;
    }),
    fund: text,
    department: text,
    category: text,
    amount: filled.transform((v, ctx) => {
      const amount = parseAmount(v, currency);
      if (amount === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: P('amount', { currency }) });
        return z.NEVER;
      }
      return amount;
    }),
  });
}

/** Which of the file's columns holds each of ours, or the problems of the header line. */
function mapColumns(headers: string[]): { columns: Record<FactColumn, number> } | { problems: FactProblem[] } {
  const folded = headers.map(foldKey);
  const columns = {} as Record<FactColumn, number>;
  const problems: FactProblem[] = [];
  for (const column of FACT_COLUMNS) {
    const at = folded.findIndex((h) => HEADERS[column].includes(h));
    if (at < 0) problems.push({ line: 1, column, problem: P('missingColumn') });
    else columns[column] = at;
  }
  return problems.length ? { problems } : { columns };
}

/** Each row of the file as a budget line, or the problems that refuse the file. */
export function checkFactFile(file: CsvFile, currency: string): CheckedFile {
  const mapped = mapColumns(file.headers);
  if ('problems' in mapped) return { lines: [], problems: mapped.problems };
  if (file.rows.length > MAX_LINES)
    return { lines: [], problems: [{ line: lineNumber(MAX_LINES), column: null, problem: P('tooManyLines', { max: MAX_LINES }) }] };
  const schema = lineSchema(currency);
  const lines: FactLine[] = [];
  const problems: FactProblem[] = [];
  // The same year, fund, department and category twice would count its amount twice.
  const seen = new Map<string, number>();
  for (const [index, row] of file.rows.entries()) {
    const line = lineNumber(index);
    const cells = Object.fromEntries(FACT_COLUMNS.map((c) => [c, row[mapped.columns[c]] ?? '']));
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = issue.path[0] as FactColumn;
        problems.push({ line, column, problem: issue.message, value: cells[column].slice(0, 120) });
      }
      continue;
    }
    const key = [parsed.data.fiscalYear, parsed.data.fund, parsed.data.department, parsed.data.category].map(String).map(foldKey).join('|');
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, column: null, problem: P('duplicate', { first }) });
      continue;
    }
    seen.set(key, line);
    lines.push({ line, ...parsed.data });
  }
  return { lines, problems };
}
