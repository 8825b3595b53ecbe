/**
 * `npm run pb:tally -- FILE.pb [--rule greedy|equal-shares]`: counts a Pabulib election with the
 * same tally module as the results page (app/modules/budgets/tally/), so a published election can
 * be replayed and compared with its `selected` column or with pabutools.
 *
 * Prints the funded project ids, one a line, in selection order. The rule defaults to the file's
 * META `rule` when it names one of ours (greedy, or equal shares as equal-shares, equal_shares or
 * Pabulib's equalshares/add1), else greedy. A malformed file prints its line-by-line report on
 * stderr and exits 1; bad usage exits 2. Run with tsx, like the other scripts, so the app's `~/`
 * imports resolve through tsconfig's paths.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatProblems, parsePabulib, ruleOfElection, toTallyInput } from '~/modules/budgets/tally/pabulib';
import { isTallyRule, tally, TALLY_RULES } from '~/modules/budgets/tally/tally';

const USAGE = `usage: npm run pb:tally -- <file.pb> [--rule ${TALLY_RULES.join('|')}]`;

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STANDARD: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Runs the command with its arguments (after `--`); returns the exit code. */
export function main(argv: string[], output: Output = STANDARD): number {
  let file: string;
  let rule: string | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { rule: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('one .pb file expected');
    file = positionals[0];
    rule = values.rule;
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (rule !== undefined && !isTallyRule(rule)) {
    output.err(`unknown rule '${rule}'\n${USAGE}\n`);
    return 2;
  }

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    output.err(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const parsed = parsePabulib(text);
  if (!parsed.ok) {
    output.err(`${file}: not a valid .pb file\n${formatProblems(parsed.problems)}\n`);
    return 1;
  }
  const chosen = rule ?? ruleOfElection(parsed.election) ?? 'greedy';
  const selected = tally(toTallyInput(parsed.election), chosen);
  output.out(selected.map((id) => `${id}\n`).join(''));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
