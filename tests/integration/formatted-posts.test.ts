import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { postReply, startThread } from '../support/forum';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/** Posting without JavaScript: the plain textarea's **bold**, lists and links become rich text. */
const server = withTestServer();
const sql = sqlOf(server);

const bodyOf = async (threadId: string) => {
  const rows = await sql('SELECT "body" FROM "Post" WHERE "threadId" = $1 ORDER BY "createdAt"', [threadId]);
  return rows.map((r) => (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as unknown);
};

describe('formatted plain text', () => {
  it('stores **bold**, *italic*, lists and [text](url) as rich text and renders them', async () => {
    const typed =
      'Meet at **9 am**, bring *gloves*.\n\n- trash bags\n- water\n\n1. north bank\n2. south bank\n\nMap: [the park](https://example.org/park)';
    const threadId = await startThread(await signedIn(server.url, DEMO.resident), 'n-riverside', 'Cleanup day plan', typed);
    const html = await new Client(server.url).page(`/threads/${threadId}`);
    expect(html).toContain('<strong>9 am</strong>');
    expect(html).toContain('<em>gloves</em>');
    expect(html).toMatch(/<ul><li>trash bags<\/li><li>water<\/li><\/ul>/);
    expect(html).toMatch(/<ol><li>north bank<\/li><li>south bank<\/li><\/ol>/);
    expect(html).toMatch(/<a href="https:\/\/example.org\/park" rel="nofollow ugc noopener">the park<\/a>/);
    const [body] = await bodyOf(threadId);
    expect(JSON.stringify(body)).toContain('"listType":"number"');
  });

  it('refuses javascript: links in a reply (they stay text) and never renders markup', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const threadId = await startThread(rosa, 'n-riverside', 'Formatting safety', 'Opening post');
    const res = await postReply(rosa, threadId, '[click me](javascript:alert(1)) **<img src=x onerror=alert(1)>**');
    expect(res.status).toBe(303);
    const html = await new Client(server.url).page(`/threads/${threadId}`);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('[click me](javascript:alert(1))');
    expect(html).toContain('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    const bodies = await bodyOf(threadId);
    expect(JSON.stringify(bodies[1])).not.toContain('"link"');
  });
});
