import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Prisma } from '~/generated/sqlite/client';

/**
 * The secret ballot on the schema (docs/decisions/0024-participatory-budgeting.md): counted
 * ballots and their choices name no voter, no receipt and no time, so nothing in the database
 * joins who voted (BallotReceipt) to what they chose; on SQLite they are stored in the order of
 * their random keys.
 */
const schema = readFileSync('prisma/schema.prisma', 'utf8');
const block = (model: string) => new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schema)![1];
/** The models a model's fields point at. */
const related = (model: string) => [...block(model).matchAll(/^\s+\w+\s+(\w+)\??\s+@relation/gm)].map((m) => m[1]);

describe('the secret ballot, on the schema', () => {
  it('keeps counted ballots and choices free of anything that names a voter, a receipt or a time', () => {
    expect(Object.values(Prisma.BallotScalarFieldEnum).sort()).toEqual(['id', 'neighborhoodId', 'processId', 'source']);
    expect(Object.values(Prisma.BallotChoiceScalarFieldEnum).sort()).toEqual(['ballotId', 'proposalId']);
    expect(related('Ballot')).toEqual(['BudgetProcess']);
    expect(related('BallotChoice').sort()).toEqual(['Ballot', 'Proposal']);
    // The receipt holds nothing of a counted ballot: no id, no choice.
    expect(Object.values(Prisma.BallotReceiptScalarFieldEnum)).not.toContain('ballotId');
    expect(related('BallotReceipt').sort()).toEqual(['BudgetProcess', 'User']);
  });

  it('stores receipts, ballots and choices without a rowid on SQLite', () => {
    const sql = readFileSync('prisma/migrations/sqlite/0030_budgets.sql', 'utf8');
    for (const table of ['BallotReceipt', 'Ballot', 'BallotChoice'])
      expect(new RegExp(`CREATE TABLE "${table}" \\([\\s\\S]*?\\n\\) WITHOUT ROWID;`).test(sql), table).toBe(true);
  });
});
