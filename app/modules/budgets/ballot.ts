import { msg } from '~/lib/forms';

/**
 * Whether a ballot's choices may be cast (the same rule for the web form, with or without
 * JavaScript, and paper ballots): projects of the voter's ballot only, each once; for approval
 * between the process's fewest and most; for a budget ballot costs that fit the district's budget.
 * Returns the message for the form, or null when the ballot is good.
 */
export function ballotProblem(
  rules: { votingMethod: string; minChoices: number; maxChoices: number | null },
  projects: { id: string; cost: string }[],
  budget: bigint,
  choices: string[],
): string | null {
  const byId = new Map(projects.map((p) => [p.id, BigInt(p.cost)]));
  if (new Set(choices).size !== choices.length || choices.some((c) => !byId.has(c))) return msg('budgets:errors.unknownProject');
  if (rules.votingMethod === 'knapsack') {
    if (!choices.length) return msg('budgets:errors.chooseOne');
    const spent = choices.reduce((sum, c) => sum + byId.get(c)!, 0n);
    return spent > budget ? msg('budgets:errors.overBudget') : null;
  }
  if (choices.length < rules.minChoices) return msg('budgets:errors.tooFew', { count: rules.minChoices });
  if (rules.maxChoices !== null && choices.length > rules.maxChoices) return msg('budgets:errors.tooMany', { count: rules.maxChoices });
  return null;
}
