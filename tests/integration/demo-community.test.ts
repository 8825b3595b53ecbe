import { describe, expect, it } from 'vitest';
import { Client, textOf } from '../support/client';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * The demo city feels alive (issue 15): forty residents with pictures across the four
 * neighborhoods, a few hundred threads and replies in both languages with mentions and
 * reactions, requests in every status placed on the map, and a budget in voting that the
 * residents support. Through the real server on a freshly seeded database.
 */
const server = withTestServer();
const q = sqlOf(server);
const n = (rows: Record<string, unknown>[]) => Number(rows[0]!.n);

describe('the demo city', () => {
  it('has forty residents, ten per neighborhood, each with a 256 px WebP avatar shown on their profile', async () => {
    const residents = await q(
      `SELECT u."id", u."avatarId", u."displayName", h."slug" FROM "User" u JOIN "Neighborhood" h ON h."id" = u."neighborhoodId"
       JOIN "Attachment" a ON a."id" = u."avatarId" AND a."ownerKind" = 'avatar' AND a."ownerId" = u."id"
       WHERE a."mimeType" = 'image/webp' AND a."width" = 256 AND a."height" = 256`,
    );
    expect(residents).toHaveLength(40);
    const perHood = new Map<string, number>();
    for (const r of residents) perHood.set(String(r.slug), (perHood.get(String(r.slug)) ?? 0) + 1);
    expect(Object.fromEntries(perHood)).toEqual({ riverside: 10, 'las-flores': 10, 'old-town': 10, northgate: 10 });
    expect(
      n(
        await q(
          `SELECT COUNT(*) AS n FROM "RoleGrant" WHERE "userId" IN (SELECT "ownerId" FROM "Attachment" WHERE "ownerKind" = 'avatar')`,
        ),
      ),
    ).toBe(0);
    const [someone] = residents;
    const profile = await new Client(server.url).page(`/people/${someone.id}`);
    expect(profile).toContain(`src="/people/${someone.id}/avatar/${someone.avatarId}"`);
    // Its file is there too (a server started on a copy of the seeded database gets the seed's files).
    const picture = await new Client(server.url).get(`/people/${someone.id}/avatar/${someone.avatarId}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/webp');
    expect(textOf(profile)).toContain(String(someone.displayName));
  });

  it('has a few hundred threads and replies in English and Spanish, with mentions and reactions', async () => {
    expect(n(await q(`SELECT COUNT(*) AS n FROM "Thread"`))).toBeGreaterThanOrEqual(60);
    expect(n(await q(`SELECT COUNT(*) AS n FROM "Post"`))).toBeGreaterThanOrEqual(300);
    expect(n(await q(`SELECT COUNT(*) AS n FROM "Reaction"`))).toBeGreaterThanOrEqual(200);
    // Every neighborhood channel has its own conversations, in both languages.
    for (const slug of ['riverside', 'las-flores', 'old-town', 'northgate']) {
      const page = textOf(await new Client(server.url).page(`/channels/n-${slug}`));
      expect(page, slug).toMatch(/Garage sale on|Venta de garaje en/);
    }
    expect(n(await q(`SELECT COUNT(*) AS n FROM "Post" WHERE "text" LIKE '%Gracias%' OR "text" LIKE '%¿%'`))).toBeGreaterThan(20);
    // A reply that names the thread's author links to their profile.
    const [mentioned] = await q(`SELECT "threadId", "text" FROM "Post" WHERE "text" LIKE '@%' ORDER BY "createdAt" LIMIT 1`);
    const thread = await new Client(server.url).page(`/threads/${mentioned.threadId}`);
    expect(thread).toMatch(/<a class="mention" href="\/people\/[^"]+">@/);
    // Replies counted as the forum counts them.
    const [wrong] = await q(
      `SELECT t."id" FROM "Thread" t WHERE t."replyCount" <> (SELECT COUNT(*) FROM "Post" p WHERE p."threadId" = t."id" AND NOT p."isOpening")`,
    );
    expect(wrong).toBeUndefined();
  });

  it('has requests in every status with a position in their neighborhood, and a budget in voting the residents support', async () => {
    const statuses = await q(
      `SELECT "status", COUNT(*) AS n FROM "ServiceRequest" WHERE "latitude" IS NOT NULL AND "neighborhoodId" IS NOT NULL GROUP BY "status"`,
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'acknowledged',
      'closed',
      'declined',
      'duplicate',
      'in_progress',
      'new',
      'resolved',
    ]);
    const [budget] = await q(`SELECT "phase" FROM "BudgetProcess" WHERE "slug" = 'city-budget-2027'`);
    expect(budget.phase).toBe('voting');
    const [supports] = await q(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN s."userId" IN (SELECT "ownerId" FROM "Attachment" WHERE "ownerKind" = 'avatar') THEN 1 ELSE 0 END) AS residents
       FROM "ProposalSupport" s JOIN "Proposal" p ON p."id" = s."proposalId" JOIN "BudgetProcess" b ON b."id" = p."processId" WHERE b."slug" = 'city-budget-2027'`,
    );
    expect(Number(supports.residents)).toBeGreaterThanOrEqual(40);
    const [counted] = await q(
      `SELECT COUNT(*) AS n FROM "Proposal" p WHERE p."supportCount" <> (SELECT COUNT(*) FROM "ProposalSupport" s WHERE s."proposalId" = p."id")`,
    );
    expect(Number(counted.n)).toBe(0);
    expect(textOf(await new Client(server.url).page('/budgets/city-budget-2027'))).toMatch(/[Vv]ot/);
  });
});
