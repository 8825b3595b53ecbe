import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { postReply, reply, startThread } from '../support/forum';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * Where a reply lands (the page holding it, the opening post on top), what hiding an opening post
 * hides (that post, not the replies under it), and reactions (never on one's own post), through
 * the real routes without JavaScript.
 */
const server = withTestServer();
const sql = sqlOf(server);

const openingOf = (html: string) => /id="post-([^"]+)"/.exec(html)![1];
/** The HTML of one post's article on a page. */
const articleOf = (html: string, postId: string) => {
  const start = html.indexOf(`<article id="post-${postId}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</article>', start));
};

let captain: Client;
let rosa: Client;
beforeAll(async () => {
  captain = await signedIn(server.url, DEMO.captain);
  rosa = await signedIn(server.url, DEMO.resident);
});

describe('a reply lands on the thread', () => {
  it('on the first page, the opening post shown above it, scrolled to the new post', async () => {
    const threadId = await startThread(captain, 'n-riverside', 'Pothole on Elm', 'A deep pothole outside number 12.');
    const res = await postReply(rosa, threadId, 'Still there this morning.');
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const postId = /#post-(.+)$/.exec(location)![1];
    expect(location).toBe(`/threads/${threadId}#post-${postId}`);
    const html = await rosa.page(location.split('#')[0]);
    expect(textOf(html)).toContain('A deep pothole outside number 12.');
    expect(articleOf(html, postId)).toContain('Still there this morning.');
    expect(textOf(html)).toContain('Su respuesta está publicada.'); // Rosa reads Spanish
  });

  it('on the later page that holds it when the thread is paged, the opening post still on top', async () => {
    const threadId = await startThread(captain, 'n-riverside', 'Long talk about the park', 'What should the new park have?');
    const html = await captain.page(`/threads/${threadId}`);
    const openingId = openingOf(html);
    const seedId = await reply(captain, threadId, 'A playground.');
    // 55 more replies before it, sorting first (same time as the seed reply, smaller ids): the
    // thread reads opening, bulk-001 … bulk-055, the seed reply, then the new reply (the 58th post).
    for (let i = 1; i <= 55; i++) {
      await sql(
        `INSERT INTO "Post" (id, "threadId", "authorId", body, text, status, "isOpening", "createdAt")
         SELECT $1, "threadId", "authorId", body, text, status, "isOpening", "createdAt" FROM "Post" WHERE id = $2`,
        [`bulk-${String(i).padStart(3, '0')}`, seedId],
      );
    }
    const res = await postReply(rosa, threadId, 'Benches in the shade.');
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const postId = /#post-(.+)$/.exec(location)![1];
    // Pages hold 50 posts: the second one continues after the 50th (bulk-049).
    expect(location).toBe(`/threads/${threadId}?after=bulk-049#post-${postId}`);

    const page = await rosa.page(location.split('#')[0]);
    expect(articleOf(page, openingId)).toContain('What should the new park have?');
    expect(articleOf(page, postId)).toContain('Benches in the shade.');
    expect(page).toContain('id="post-bulk-050"');
    expect(page).not.toContain('id="post-bulk-010"');
    // It says it is a later page and links to the start.
    expect(textOf(page)).toContain('Está leyendo respuestas posteriores; el mensaje inicial se muestra arriba.');
    expect(page).toContain(`href="/threads/${threadId}"`);
    // The opening post comes first, the new post after it.
    expect(page.indexOf(`id="post-${openingId}"`)).toBeLessThan(page.indexOf(`id="post-${postId}"`));

    // Older links (?from=<post>) go to the page holding that post, for any reader.
    const visitor = new Client(server.url);
    const old = await visitor.get(`/threads/${threadId}?from=${postId}`);
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe(`/threads/${threadId}?after=bulk-049#post-${postId}`);
    const first = await visitor.get(`/threads/${threadId}?from=${openingId}`);
    expect(first.headers.get('location')).toBe(`/threads/${threadId}#post-${openingId}`);
    const unknown = await visitor.get(`/threads/${threadId}?from=nope`);
    expect(unknown.headers.get('location')).toBe(`/threads/${threadId}#post-nope`);
  });
});

describe('hiding an opening post', () => {
  let threadId = '';
  let openingId = '';
  const moderator = () => signedIn(server.url, DEMO.moderator);

  beforeAll(async () => {
    threadId = await startThread(captain, 'n-riverside', 'Cheap watches', 'Buy cheap watches at https://spam.example');
    openingId = openingOf(await captain.page(`/threads/${threadId}`));
    await reply(rosa, threadId, 'This looks like spam.');
    const marta = await moderator();
    await marta.page('/moderation');
    const hide = await marta.post('/moderation', { intent: 'hide', postId: openingId, reason: 'Advertising is not allowed' });
    expect(hide.status).toBe(303);
  });

  it('hides that post from readers, who still read the replies and see a notice in its place', async () => {
    const visitor = new Client(server.url);
    const res = await visitor.get(`/threads/${threadId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(textOf(html)).toContain('This looks like spam.');
    expect(textOf(articleOf(html, openingId))).toContain('This post was hidden by a moderator.');
    expect(html).not.toContain('spam.example');
    expect(html).not.toContain('Advertising is not allowed');
    // Nothing to do with it: no reactions, quote or report.
    expect(articleOf(html, openingId)).not.toContain('/flag');
    // Spanish readers get it in Spanish.
    const es = await new Client(server.url).get(`/threads/${threadId}`, { 'Accept-Language': 'es' });
    expect(textOf(await es.text())).toContain('Un moderador ocultó este mensaje.');
    // Its own pages stay closed to them.
    expect((await rosa.get(`/posts/${openingId}/flag`)).status).toBe(404);
  });

  it('keeps the thread listed under its title, marked, and open to replies', async () => {
    const channel = textOf(await new Client(server.url).page('/channels/n-riverside'));
    expect(channel).toContain('Cheap watches');
    expect(channel).toContain('Opening post hidden');
    expect((await postReply(rosa, threadId, 'Thanks for removing it.')).status).toBe(303);
  });

  it('shows the whole post, with the reason, to its author and to moderators', async () => {
    for (const client of [captain, await moderator()]) {
      const post = textOf(articleOf(await client.page(`/threads/${threadId}`), openingId));
      expect(post).toContain('Buy cheap watches at https://spam.example');
      expect(post).toContain('Advertising is not allowed');
    }
  });

  it('comes back whole when restored', async () => {
    const marta = await moderator();
    await marta.page(`/threads/${threadId}`);
    expect((await marta.post('/moderation', { intent: 'restore', postId: openingId })).status).toBe(303);
    expect(textOf(await new Client(server.url).page(`/threads/${threadId}`))).toContain('Buy cheap watches');
  });
});

describe('reactions', () => {
  it('are offered on other people’s posts only, and refused (403) on one’s own', async () => {
    const threadId = await startThread(captain, 'n-riverside', 'Thanks to the volunteers', 'The cleanup went well.');
    const openingId = openingOf(await captain.page(`/threads/${threadId}`));
    const reactions = async (email: string) =>
      (
        await sql(`SELECT r.kind FROM "Reaction" r JOIN "User" u ON u.id = r."userId" WHERE r."postId" = $1 AND u.email = $2`, [
          openingId,
          email,
        ])
      ).length;

    // The author sees no reaction buttons on their post; another member does.
    expect(articleOf(await captain.page(`/threads/${threadId}`), openingId)).not.toContain('name="kind"');
    expect(articleOf(await rosa.page(`/threads/${threadId}`), openingId)).toContain('name="kind"');

    const own = await captain.post(`/threads/${threadId}`, { intent: 'react', postId: openingId, kind: 'thanks' });
    expect(own.status).toBe(403);
    expect(await reactions(DEMO.captain)).toBe(0);

    const other = await rosa.post(`/threads/${threadId}`, { intent: 'react', postId: openingId, kind: 'thanks' });
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toBe(`/threads/${threadId}#post-${openingId}`);
    expect(await reactions(DEMO.resident)).toBe(1);
  });
});
