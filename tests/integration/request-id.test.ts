import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO, signedIn } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sql } from '../support/sql';

/**
 * The request id in logs and audit rows is made by the server: without TRUST_PROXY a client's
 * X-Request-Id is never kept, whatever it holds (sign-in-limits.test.ts has the trusted-proxy side).
 */
const server = withTestServer();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id', () => {
  it("answers with an id of its own, not the client's", async () => {
    for (const given of ['forged\u2028id', 'x'.repeat(64), randomUUID()]) {
      const res = await fetch(server.url, { headers: { 'X-Request-Id': encodeURIComponent(given) } });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      expect(id).not.toBe(encodeURIComponent(given));
    }
  });

  it("writes the server's id, never the client's, into the audit log", async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get('/channels/n-riverside/new');
    const started = await rosa.post('/channels/n-riverside/new', { title: 'Audit me', bodyText: 'A thread to pin.' });
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
    const marta = await signedIn(server.url, DEMO.moderator);
    await marta.get(`/threads/${threadId}`);
    const forged = `ts-${randomUUID()}`;
    const pinned = await marta.post(
      `/threads/${threadId}`,
      { intent: 'moderate', action: 'pin', threadId },
      { headers: { 'X-Request-Id': forged } },
    );
    expect(pinned.status).toBe(303);
    const rows = await sql(server.database.url, 'SELECT "requestId" FROM "AuditLog" WHERE "targetId" = $1', [threadId]);
    expect(rows).toHaveLength(1);
    expect(String(rows[0].requestId)).toMatch(UUID);
    expect(String(rows[0].requestId)).toBe(pinned.headers.get('x-request-id'));
    expect(JSON.stringify(await sql(server.database.url, 'SELECT * FROM "AuditLog"'))).not.toContain(forged);
  });
});
