import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVerifiedMember } from '../support/accounts';
import { addMembersChannel } from '../support/channels';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { reply, startThread } from '../support/forum';
import { nextEvent, openSocket, subscribe } from '../support/sockets';
import { waitFor } from '../support/process';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * Quick polls through the real routes (no JavaScript): who may add one, voting and changing a
 * vote, multiple choice, closing, refusals with nothing stored, private and hidden threads, and
 * the live event the thread room hears after the commit (figures only).
 */
const server = withTestServer();
const sql = sqlOf(server);
const sockets: Socket[] = [];
afterAll(() => {
  for (const s of sockets) s.disconnect();
});

const openingOf = (html: string) => /id="post-([^"]+)"/.exec(html)![1];
const pollOfPost = async (postId: string) =>
  (await sql(`SELECT id, kind, "maxChoices", "voterCount", "closedAt" FROM "Poll" WHERE "postId" = $1`, [postId]))[0] as
    | { id: string; kind: string; maxChoices: number; voterCount: number; closedAt: unknown }
    | undefined;
const votesOf = async (pollId: string) =>
  (await sql(
    `SELECT v."optionKey", u.email FROM "PollVote" v JOIN "User" u ON u.id = v."userId" WHERE v."pollId" = $1 ORDER BY u.email, v."optionKey"`,
    [pollId],
  )) as { optionKey: string; email: string }[];

/** Loads the add-poll page, then posts its form. */
async function postPoll(client: Client, postId: string, fields: Record<string, string>) {
  await client.get(`/posts/${postId}/poll`);
  return client.post(`/posts/${postId}/poll`, fields);
}

/** Votes through the thread page's form, as a browser without JavaScript posts it. */
async function castVote(client: Client, threadId: string, postId: string, choices: string[]) {
  await client.get(`/threads/${threadId}`);
  return client.post(`/threads/${threadId}`, { intent: 'vote', postId, choices });
}

let author: { client: Client; email: string };
let threadId = '';
let openingId = '';
let replyId = '';

beforeAll(async () => {
  author = await newVerifiedMember(server, 'Pat Poller', { emailPrefix: 'poller' });
  threadId = await startThread(
    author.client,
    'n-riverside',
    'New bus stop: where?',
    'The transit agency asks where the new stop should go.',
  );
  openingId = openingOf(await author.client.page(`/threads/${threadId}`));
  replyId = await reply(await signedIn(server.url, DEMO.resident), threadId, 'Cerca de la escuela, por favor.');
});

describe('adding a poll', () => {
  it('is offered to the thread author on their post and refused to another resident (403) and to visitors', async () => {
    expect(await author.client.page(`/threads/${threadId}`)).toContain(`href="/posts/${openingId}/poll"`);
    const rosa = await signedIn(server.url, DEMO.resident);
    expect(await rosa.page(`/threads/${threadId}`)).not.toContain('/poll"');
    expect((await rosa.get(`/posts/${openingId}/poll`)).status).toBe(403);
    expect((await rosa.post(`/posts/${openingId}/poll`, { question: 'Mine?', kind: 'single', options: 'a\nb' })).status).toBe(403);
    // Her own reply in someone else's thread is not enough either.
    expect((await rosa.get(`/posts/${replyId}/poll`)).status).toBe(403);
    const visitor = await new Client(server.url).get(`/posts/${openingId}/poll`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('location')).toContain('/signin');
    expect(await pollOfPost(openingId)).toBeUndefined();
  });

  it('explains bad input on its fields (localized), keeps it, and stores nothing', async () => {
    await author.client.get(`/posts/${openingId}/poll`);
    const res = await author.client.post(`/posts/${openingId}/poll`, {
      question: 'Where should the stop go?',
      kind: 'multiple',
      options: 'Main St\nmain st \nSchool',
      maxChoices: '9',
      closesAt: '2020-01-01T10:00',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain('“main st” is listed twice.');
    expect(text).toContain('Choose a time in the future.');
    expect(html).toMatch(/name="options"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="options"/);
    expect(html).toContain('Where should the stop go?');
    expect(html).toContain('School');
    const few = await author.client.post(`/posts/${openingId}/poll`, { question: 'Q', kind: 'single', options: 'Only one' });
    expect(few.status).toBe(400);
    expect(textOf(await few.text())).toContain('Write at least 2 options, one per line.');
    expect(await pollOfPost(openingId)).toBeUndefined();
  });

  it('adds it for the author (303 back to the post), once per post (409 for a second one)', async () => {
    const res = await postPoll(author.client, openingId, {
      question: 'Where should the stop go?',
      kind: 'single',
      options: 'Main St & 3rd\nNext to the school\nBy the library',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/threads/${threadId}?from=${openingId}#post-${openingId}`);
    const poll = await pollOfPost(openingId);
    expect(poll).toMatchObject({ kind: 'single', maxChoices: 1, voterCount: 0 });
    const options = await sql(`SELECT key, label FROM "PollOption" WHERE "pollId" = $1 ORDER BY position`, [poll!.id]);
    expect(options).toEqual([
      { key: 'o1', label: 'Main St & 3rd' },
      { key: 'o2', label: 'Next to the school' },
      { key: 'o3', label: 'By the library' },
    ]);
    expect(textOf(await author.client.page(`/posts/${openingId}/poll`))).toContain('This post already has a poll.');
    const again = await author.client.post(`/posts/${openingId}/poll`, { question: 'Again?', kind: 'single', options: 'a\nb' });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain('This post already has a poll.');
    expect(Number((await sql(`SELECT count(*) AS n FROM "Poll" WHERE "postId" = $1`, [openingId]))[0].n)).toBe(1);
  });

  it("lets a moderator of the channel add one to anyone's post (a multiple-choice poll with a limit)", async () => {
    const marta = await signedIn(server.url, DEMO.moderator);
    const res = await postPoll(marta, replyId, {
      question: '¿Qué necesita la parada?',
      kind: 'multiple',
      options: 'Techo\nBanco\nLuz\nMapa',
      maxChoices: '2',
    });
    expect(res.status).toBe(303);
    expect(await pollOfPost(replyId)).toMatchObject({ kind: 'multiple', maxChoices: 2 });
  });
});

describe('the add-poll page, actor by actor', () => {
  // On the opening post of a thread by a resident, in Riverside (Marta moderates Riverside only).
  let post = '';
  beforeAll(async () => {
    const thread = await startThread(author.client, 'n-riverside', 'Poll rights', 'Who may add a poll here?');
    post = openingOf(await author.client.page(`/threads/${thread}`));
  });
  it.each([
    { who: 'anonymous', email: null, status: 302 },
    { who: 'another resident', email: DEMO.resident, status: 403 },
    { who: 'a captain', email: DEMO.captain, status: 403 },
    { who: 'a liaison', email: DEMO.liaison, status: 403 },
    { who: 'the channel moderator', email: DEMO.moderator, status: 200 },
    { who: 'staff (moderate every channel)', email: DEMO.staff, status: 200 },
    { who: 'admin', email: DEMO.admin, status: 200 },
    { who: 'the thread author', email: 'author', status: 200 },
  ])('$who → $status', async ({ email, status }) => {
    const client = email === 'author' ? author.client : email ? await signedIn(server.url, email) : new Client(server.url);
    expect((await client.get(`/posts/${post}/poll`)).status).toBe(status);
  });
});

describe('voting', () => {
  it('votes without JavaScript (303 to the post), changes the vote, and counts one voter', async () => {
    const carlos = await signedIn(server.url, DEMO.captain);
    const poll = (await pollOfPost(openingId))!;
    const first = await castVote(carlos, threadId, openingId, ['o1']);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/threads/${threadId}#post-${openingId}`);
    const changed = await castVote(carlos, threadId, openingId, ['o2']);
    expect(changed.status).toBe(303);
    expect(await votesOf(poll.id)).toEqual([{ optionKey: 'o2', email: DEMO.captain }]);
    expect((await pollOfPost(openingId))!.voterCount).toBe(1);
  });

  it('shows the results to voters, the author and visitors, but not to someone who may vote and has not', async () => {
    const lucia = await signedIn(server.url, DEMO.liaison);
    let text = textOf(await lucia.page(`/threads/${threadId}`));
    expect(text).toContain('The results are shown once you have voted.');
    expect(text).not.toContain('1 vote, 100%');
    expect((await castVote(lucia, threadId, openingId, ['o2'])).status).toBe(303);
    text = textOf(await lucia.page(`/threads/${threadId}`));
    expect(text).toContain('2 voters');
    expect(text).toContain('Next to the school your choice 2 votes, 100%');
    expect(text).toContain('Main St & 3rd 0 votes, 0%');
    expect(text).toContain('You voted.');
    const visitor = textOf(await new Client(server.url).page(`/threads/${threadId}`));
    expect(visitor).toContain('2 votes, 100%');
    expect(visitor).not.toContain('You voted');
    expect(textOf(await author.client.page(`/threads/${threadId}`))).toContain('2 votes, 100%');
  });

  it('takes several choices up to the limit, and refuses more (400, localized, nothing stored)', async () => {
    const lucia = await signedIn(server.url, DEMO.liaison);
    const poll = (await pollOfPost(replyId))!;
    const tooMany = await castVote(lucia, threadId, replyId, ['o1', 'o2', 'o3']);
    expect(tooMany.status).toBe(400);
    expect(textOf(await tooMany.text())).toContain('Choose at most 2 options.');
    expect(await votesOf(poll.id)).toEqual([]);
    expect((await castVote(lucia, threadId, replyId, ['o1', 'o3'])).status).toBe(303);
    expect(await votesOf(poll.id)).toEqual([
      { optionKey: 'o1', email: DEMO.liaison },
      { optionKey: 'o3', email: DEMO.liaison },
    ]);
    // A single-choice poll takes one.
    const two = await castVote(lucia, threadId, openingId, ['o1', 'o2']);
    expect(two.status).toBe(400);
    expect(textOf(await two.text())).toContain('Choose only one option.');
  });

  it('refuses an unknown option or none with a message (400) and keeps the earlier vote', async () => {
    const lucia = await signedIn(server.url, DEMO.liaison);
    const poll = (await pollOfPost(openingId))!;
    const unknown = await castVote(lucia, threadId, openingId, ['o9']);
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain('That option is not in this poll.');
    const none = await castVote(lucia, threadId, openingId, []);
    expect(none.status).toBe(400);
    expect(textOf(await none.text())).toContain('Choose an option.');
    expect((await votesOf(poll.id)).filter((v) => v.email === DEMO.liaison)).toEqual([{ optionKey: 'o2', email: DEMO.liaison }]);
  });

  it('stores one set of choices when the same person votes twice at the same moment', async () => {
    const voter = await newVerifiedMember(server, 'Quick Clicker', { emailPrefix: 'clicker' });
    const poll = (await pollOfPost(openingId))!;
    const before = poll.voterCount;
    await voter.client.get(`/threads/${threadId}`);
    const answers = await Promise.all(
      ['o1', 'o3', 'o1', 'o3'].map((key) =>
        voter.client.post(`/threads/${threadId}`, { intent: 'vote', postId: openingId, choices: [key] }),
      ),
    );
    for (const res of answers) expect(res.status).toBe(303);
    const mine = (await votesOf(poll.id)).filter((v) => v.email === voter.email);
    expect(mine).toHaveLength(1);
    const after = (await pollOfPost(openingId))!;
    expect(after.voterCount).toBe(before + 1);
    const [{ n }] = await sql(`SELECT count(DISTINCT "userId") AS n FROM "PollVote" WHERE "pollId" = $1`, [poll.id]);
    expect(Number(n)).toBe(after.voterCount);
  });

  it('refuses voting where the voter may not see the post or the thread is locked', async () => {
    const lucia = await signedIn(server.url, DEMO.liaison);
    await lucia.get(`/threads/${threadId}`);
    // A post of another thread, or one that does not exist: 404.
    const elsewhere = await startThread(author.client, 'n-riverside', 'Another thread', 'Nothing to vote on here.');
    const otherPost = openingOf(await author.client.page(`/threads/${elsewhere}`));
    expect((await lucia.post(`/threads/${threadId}`, { intent: 'vote', postId: otherPost, choices: ['o1'] })).status).toBe(404);
    expect((await lucia.post(`/threads/${threadId}`, { intent: 'vote', postId: 'no-such-post', choices: ['o1'] })).status).toBe(404);
    // A visitor is sent to sign in.
    const visitor = await new Client(server.url).post(`/threads/${threadId}`, { intent: 'vote', postId: openingId, choices: ['o1'] });
    expect(visitor.status).toBe(302);
    await sql(`UPDATE "Thread" SET locked = true WHERE id = $1`, [threadId]);
    try {
      expect((await castVote(lucia, threadId, openingId, ['o1'])).status).toBe(403);
    } finally {
      await sql(`UPDATE "Thread" SET locked = false WHERE id = $1`, [threadId]);
    }
    const poll = (await pollOfPost(openingId))!;
    expect((await votesOf(poll.id)).filter((v) => v.email === DEMO.liaison)).toEqual([{ optionKey: 'o2', email: DEMO.liaison }]);
  });
});

describe('the vote limit', () => {
  it('refuses an account more than 30 votes in 5 minutes (429), changes included', async () => {
    const voter = await newVerifiedMember(server, 'Busy Voter', { emailPrefix: 'busy' });
    await voter.client.get(`/threads/${threadId}`);
    const vote = (key: string) => voter.client.post(`/threads/${threadId}`, { intent: 'vote', postId: openingId, choices: [key] });
    for (let i = 0; i < 30; i++) expect((await vote(i % 2 ? 'o1' : 'o2')).status).toBe(303);
    const refused = await vote('o3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const poll = (await pollOfPost(openingId))!;
    expect((await votesOf(poll.id)).filter((v) => v.email === voter.email)).toEqual([{ optionKey: 'o1', email: voter.email }]);
  });
});

describe('live counts', () => {
  it('reach the thread room after the commit, with the figures only (not who chose what)', async () => {
    const socket = await openSocket(server.url, sockets, null);
    expect((await subscribe(socket, `thread:${threadId}`)).ok).toBe(true);
    const staff = await signedIn(server.url, DEMO.staff);
    const poll = (await pollOfPost(openingId))!;
    const countOf = async (key: string) =>
      Number((await sql(`SELECT count(*) AS n FROM "PollVote" WHERE "pollId" = $1 AND "optionKey" = $2`, [poll.id, key]))[0].n);
    const o3 = await countOf('o3');
    // A refused vote publishes nothing: the first event is the good vote's.
    const arriving = nextEvent(socket, `thread:${threadId}`, 'poll.changed');
    expect((await castVote(staff, threadId, openingId, ['o7'])).status).toBe(400);
    expect((await castVote(staff, threadId, openingId, ['o3'])).status).toBe(303);
    const event = await arriving;
    const counts = await sql(`SELECT "optionKey", count(*) AS n FROM "PollVote" WHERE "pollId" = $1 GROUP BY "optionKey"`, [poll.id]);
    expect(event.payload).toEqual({
      threadId,
      postId: openingId,
      pollId: poll.id,
      closed: false,
      counts: Object.fromEntries(counts.map((r) => [r.optionKey, Number(r.n)])),
      voters: (await pollOfPost(openingId))!.voterCount,
    });
    expect(event.payload.counts).toMatchObject({ o3: o3 + 1 });
    expect(JSON.stringify(event.payload)).not.toMatch(/userId|email|Samuel/);

    // A reader who was away gets it replayed when they come back, like the thread's other events.
    const returning = await openSocket(server.url, sockets, null);
    const { missed } = await subscribe(returning, `thread:${threadId}`, event.id - 1);
    expect(missed?.map((e) => [e.id, e.type, e.payload])).toEqual([[event.id, 'poll.changed', event.payload]]);
  });
});

describe('closing', () => {
  it('is refused to another resident, done by a moderator with an audit row, and then takes no votes (409)', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get(`/threads/${threadId}`);
    expect((await rosa.post(`/threads/${threadId}`, { intent: 'closePoll', postId: openingId })).status).toBe(403);
    expect((await pollOfPost(openingId))!.closedAt).toBeNull();

    const socket = await openSocket(server.url, sockets, null);
    await subscribe(socket, `thread:${threadId}`);
    const closedEvent = nextEvent(socket, `thread:${threadId}`, 'poll.changed');
    const marta = await signedIn(server.url, DEMO.moderator);
    await marta.get(`/threads/${threadId}`);
    const closed = await marta.post(`/threads/${threadId}`, { intent: 'closePoll', postId: openingId });
    expect(closed.status).toBe(303);
    expect((await closedEvent).payload).toMatchObject({ postId: openingId, closed: true });
    expect((await pollOfPost(openingId))!.closedAt).not.toBeNull();
    const audit = await sql(`SELECT action, "targetKind", "targetId" FROM "AuditLog" WHERE action = 'post.closePoll' AND "targetId" = $1`, [
      openingId,
    ]);
    expect(audit).toEqual([{ action: 'post.closePoll', targetKind: 'post', targetId: openingId }]);

    // Rosa reads Spanish.
    const late = await castVote(rosa, threadId, openingId, ['o1']);
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain('Esta encuesta está cerrada');
    expect(textOf(await new Client(server.url).page(`/threads/${threadId}`))).toContain('Closed');
  });

  it('lets the author close their own poll (not audited), and a poll past its close time takes no votes', async () => {
    const marta = await signedIn(server.url, DEMO.moderator);
    // The moderator's poll on Rosa's reply: closed by its own author, no audit row.
    await marta.get(`/threads/${threadId}`);
    expect((await marta.post(`/threads/${threadId}`, { intent: 'closePoll', postId: replyId })).status).toBe(303);
    expect(await sql(`SELECT id FROM "AuditLog" WHERE action = 'post.closePoll' AND "targetId" = $1`, [replyId])).toEqual([]);

    const timed = await startThread(author.client, 'n-riverside', 'Timed poll', 'Closes soon.');
    const post = openingOf(await author.client.page(`/threads/${timed}`));
    expect((await postPoll(author.client, post, { question: 'Soon?', kind: 'single', options: 'Yes\nNo' })).status).toBe(303);
    await sql(`UPDATE "Poll" SET "closesAt" = $1 WHERE "postId" = $2`, [new Date(Date.now() - 1000).toISOString(), post]);
    const lucia = await signedIn(server.url, DEMO.liaison);
    const late = await castVote(lucia, timed, post, ['o1']);
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain('This poll is closed; votes are no longer taken.');
    expect(await votesOf((await pollOfPost(post))!.id)).toEqual([]);
  });
});

describe('reaching its close time', () => {
  const JOB = 'polls.announceClose';
  const closedEventsOf = async (pollId: string) =>
    (await sql(`SELECT id, payload FROM "Event" WHERE type = 'poll.changed' ORDER BY id`)).filter((e) => {
      const payload = (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as { pollId: string; closed: boolean };
      return payload.pollId === pollId && payload.closed;
    });
  const jobsOf = async (pollId: string) =>
    (await sql(`SELECT id, status, "runAt", payload FROM "Job" WHERE name = $1`, [JOB])).filter(
      (j) => String(j.payload).includes(pollId) || JSON.stringify(j.payload).includes(pollId),
    );
  const doneJob = (id: unknown) => async () => (await sql(`SELECT status FROM "Job" WHERE id = $1`, [id]))[0]?.status === 'done';

  it('tells the open thread pages once, after the commit, with the figures (a job at the close time)', async () => {
    const timed = await startThread(author.client, 'n-riverside', 'Poll closing by itself', 'Vote before Friday.');
    const post = openingOf(await author.client.page(`/threads/${timed}`));
    // Two days ahead, as the form takes it (a wall time in the city's zone).
    const closesAt = `${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T12:00`;
    expect((await postPoll(author.client, post, { question: 'Friday?', kind: 'single', options: 'Yes\nNo', closesAt })).status).toBe(303);
    const poll = (await pollOfPost(post))!;
    expect((await castVote(author.client, timed, post, ['o2'])).status).toBe(303);
    const [job] = await jobsOf(poll.id);
    expect(job).toMatchObject({ status: 'queued' });
    const [stored] = await sql(`SELECT "closesAt" FROM "Poll" WHERE id = $1`, [poll.id]);
    expect(new Date(String(job.runAt)).getTime()).toBe(new Date(String(stored.closesAt)).getTime());

    // The close time comes (moved to a second ago, the job with it): the room hears it without anyone acting.
    const socket = await openSocket(server.url, sockets, null);
    await subscribe(socket, `thread:${timed}`);
    const arriving = nextEvent(socket, `thread:${timed}`, 'poll.changed', 15_000);
    const past = new Date(Date.now() - 1000).toISOString();
    await sql(`UPDATE "Poll" SET "closesAt" = $1 WHERE id = $2`, [past, poll.id]);
    await sql(`UPDATE "Job" SET "runAt" = $1 WHERE id = $2`, [past, job.id]);
    const event = await arriving;
    expect(event.payload).toEqual({ threadId: timed, postId: post, pollId: poll.id, closed: true, counts: { o2: 1 }, voters: 1 });
    await waitFor(doneJob(job.id));
    const [marked] = await sql(`SELECT "closeAnnouncedAt" FROM "Poll" WHERE id = $1`, [poll.id]);
    expect(marked.closeAnnouncedAt).not.toBeNull();

    // The same job run again (its worker killed after the commit) publishes nothing more.
    await sql(`UPDATE "Job" SET status = 'queued', "runAt" = $1 WHERE id = $2`, [past, job.id]);
    await waitFor(doneJob(job.id));
    expect((await closedEventsOf(poll.id)).map((e) => Number(e.id))).toEqual([event.id]);

    // A reader who was away gets it replayed, and the page shows the poll closed.
    const returning = await openSocket(server.url, sockets, null);
    const { missed } = await subscribe(returning, `thread:${timed}`, event.id - 1);
    expect(missed?.map((e) => [e.id, e.type, e.payload])).toEqual([[event.id, 'poll.changed', event.payload]]);
    expect(textOf(await new Client(server.url).page(`/threads/${timed}`))).toContain('Closed');
  });

  it('is swept up by the schedule for a poll whose job never announced it, once', async () => {
    const timed = await startThread(author.client, 'n-riverside', 'Poll with no job', 'Closed while nobody looked.');
    const post = openingOf(await author.client.page(`/threads/${timed}`));
    expect((await postPoll(author.client, post, { question: 'Swept?', kind: 'single', options: 'Yes\nNo' })).status).toBe(303);
    const poll = (await pollOfPost(post))!;
    expect(await jobsOf(poll.id)).toEqual([]);
    await sql(`UPDATE "Poll" SET "closesAt" = $1 WHERE id = $2`, [new Date(Date.now() - 1000).toISOString(), poll.id]);

    const socket = await openSocket(server.url, sockets, null);
    await subscribe(socket, `thread:${timed}`);
    const arriving = nextEvent(socket, `thread:${timed}`, 'poll.changed', 15_000);
    // The schedule's slot (fired at start-up) run again, twice: one event.
    const slots = await sql(`SELECT id FROM "Job" WHERE name = $1 AND "uniqueKey" IS NOT NULL`, [JOB]);
    expect(slots.length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      await sql(`UPDATE "Job" SET status = 'queued', "runAt" = $1 WHERE id = $2`, [new Date(Date.now() - 1000).toISOString(), slots[0].id]);
      await waitFor(doneJob(slots[0].id));
    }
    expect((await arriving).payload).toMatchObject({ pollId: poll.id, closed: true, counts: {}, voters: 0 });
    expect(await closedEventsOf(poll.id)).toHaveLength(1);
  });
});

describe('private and hidden threads', () => {
  let privateThread = '';
  let privatePost = '';
  beforeAll(async () => {
    const [captain] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
    await addMembersChannel(server.database.url, { id: 'pollpriv', slug: 'poll-watch', name: { en: 'Poll Watch', es: 'Vigilancia' } }, [
      captain.id,
    ]);
    const carlos = await signedIn(server.url, DEMO.captain);
    privateThread = await startThread(carlos, 'poll-watch', 'Patrol night', 'Which night?');
    privatePost = openingOf(await carlos.page(`/threads/${privateThread}`));
    expect((await postPoll(carlos, privatePost, { question: 'Night?', kind: 'single', options: 'Mon\nTue' })).status).toBe(303);
  });

  it('lets a member vote and refuses a non-member (403)', async () => {
    const carlos = await signedIn(server.url, DEMO.captain);
    expect((await castVote(carlos, privateThread, privatePost, ['o2'])).status).toBe(303);
    const lucia = await signedIn(server.url, DEMO.liaison);
    await lucia.get('/');
    expect((await lucia.post(`/threads/${privateThread}`, { intent: 'vote', postId: privatePost, choices: ['o1'] })).status).toBe(403);
    expect((await lucia.get(`/posts/${privatePost}/poll`)).status).toBe(404);
    expect(await votesOf((await pollOfPost(privatePost))!.id)).toEqual([{ optionKey: 'o2', email: DEMO.captain }]);
  });

  it('refuses votes in a hidden thread to those it is hidden from (404)', async () => {
    await sql(`UPDATE "Thread" SET "hiddenAt" = $1 WHERE id = $2`, [new Date().toISOString(), threadId]);
    try {
      const lucia = await signedIn(server.url, DEMO.liaison);
      await lucia.get('/');
      expect((await lucia.post(`/threads/${threadId}`, { intent: 'vote', postId: replyId, choices: ['o1'] })).status).toBe(404);
    } finally {
      await sql(`UPDATE "Thread" SET "hiddenAt" = NULL WHERE id = $1`, [threadId]);
    }
  });
});

describe('the demo city', () => {
  it('has a thread with a poll, its figures shown to visitors', async () => {
    const [thread] = await sql(`SELECT id FROM "Thread" WHERE title = 'Summer movie nights in the plaza / Cine de verano en la plaza'`);
    const text = textOf(await new Client(server.url).page(`/threads/${thread.id as string}`));
    expect(text).toContain('Which night works best? / ¿Qué noche les viene mejor?');
    expect(text).toContain('4 voters');
    expect(text).toContain('Saturday / sábado 3 votes, 75%');
  });
});

describe("a member's data", () => {
  it('exports their poll votes, and removes them with the account (one voter fewer)', async () => {
    const password = 'a long enough passphrase';
    const voter = await newVerifiedMember(server, 'Data Owner', { emailPrefix: 'owner', password });
    const poll = (await pollOfPost(replyId))!;
    await sql(`UPDATE "Poll" SET "closedAt" = NULL WHERE id = $1`, [poll.id]);
    expect((await castVote(voter.client, threadId, replyId, ['o2', 'o4'])).status).toBe(303);
    const data = await (await voter.client.get('/account/export')).json();
    expect(data.pollVotes).toEqual([
      expect.objectContaining({ postId: replyId, question: '¿Qué necesita la parada?', choice: 'Banco' }),
      expect.objectContaining({ postId: replyId, question: '¿Qué necesita la parada?', choice: 'Mapa' }),
    ]);
    const counted = (await pollOfPost(replyId))!.voterCount;
    await voter.client.get('/account/delete');
    expect((await voter.client.post('/account/delete', { currentPassword: password, confirm: 'on' })).status).toBe(303);
    expect((await votesOf(poll.id)).filter((v) => v.email === voter.email)).toEqual([]);
    const [left] = await sql(`SELECT count(*) AS n FROM "PollVote" v JOIN "User" u ON u.id = v."userId" WHERE u.status = 'deleted'`);
    expect(Number(left.n)).toBe(0);
    expect((await pollOfPost(replyId))!.voterCount).toBe(counted - 1);
  });
});
