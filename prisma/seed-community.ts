import sharp from 'sharp';
import { newRowId } from '~/lib/bulk-insert.server';
import type { Tx } from '~/lib/db.server';
import { foldText } from '~/lib/text';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';
import type { MentionNode } from '~/modules/content/richtext';
import { AVATAR_SIDE, initials } from '~/modules/people/avatars';
import { attachmentData, processPhoto, stagePhotos, type StagedFile } from '~/modules/requests/intake/photo-uploads.server';
import { GENERIC_REPLIES, LOCAL, RESIDENTS, TOPICS, type Resident } from './seed-community-text';

/**
 * The demo city's everyday life (issue 15): forty residents, ten per neighborhood, each with a
 * picture, and their neighborhood channels full of conversations in English and Spanish, with
 * replies, @mentions, reactions and follows; the residents also support the proposals of the
 * budget in voting. Deterministic (a fixed pseudo-random sequence) and written in bulk
 * (createMany) inside the seed's transaction. The conversations are older than the hand-written
 * ones in prisma/seed.ts, so those stay on top of each channel for the tests that read them.
 */

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/** Reaction kinds (the forum's fixed set). */
const REACTIONS = ['thanks', 'agree', 'helpful', 'same'] as const;

/** Dark enough behind white initials (at least 4.5:1). */
const AVATAR_BACKGROUNDS = ['#1f6f8b', '#8b3a62', '#2f6b2f', '#6a4c93', '#9c4a00', '#0b5d6b', '#7a2e2e', '#3d5a80'];

/** A small deterministic pseudo-random sequence (mulberry32): the same demo on every seed. */
function sequence(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (max: number) => Math.floor(next() * max), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

const nameOf = (r: Resident) => `${r.first} ${r.last}`;
const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Every demo resident in seeding order, with their neighborhood. */
function allResidents() {
  return Object.entries(RESIDENTS).flatMap(([hood, list]) => list.map((r) => ({ ...r, hood })));
}

/**
 * The residents' pictures: initials on a coloured tile drawn by sharp, then re-encoded exactly as
 * an uploaded avatar is (processPhoto) and staged under uploads/ before the seed's transaction;
 * prisma/seed.ts moves them into place once it commits. No network, no files shipped.
 */
export async function stageDemoAvatars(now = new Date()): Promise<StagedFile[]> {
  const photos = [];
  for (const [i, r] of allResidents().entries()) {
    const colour = AVATAR_BACKGROUNDS[i % AVATAR_BACKGROUNDS.length];
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${AVATAR_SIDE}" height="${AVATAR_SIDE}">` +
      `<rect width="100%" height="100%" fill="${colour}"/>` +
      `<circle cx="${40 + ((i * 37) % 180)}" cy="${30 + ((i * 53) % 60)}" r="90" fill="#ffffff" fill-opacity="0.14"/>` +
      `<text x="50%" y="62%" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="100" fill="#ffffff" text-anchor="middle">` +
      `${escapeXml(initials(nameOf(r)))}</text></svg>`;
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const processed = await processPhoto({ bytes: png, tooLarge: false }, { square: AVATAR_SIDE });
    if (!processed.ok) throw new Error(`demo avatar ${i}: ${processed.error}`);
    photos.push(processed.photo);
  }
  return stagePhotos(photos, 'avatar', now);
}

export type CommunityContext = {
  now: number;
  passwordHash: string;
  neighborhoods: Record<string, string>;
  channels: Record<string, string>;
  /** From stageDemoAvatars, one per resident in order. */
  avatars: StagedFile[];
  /** The slug of the budget process whose proposals the residents support. */
  budgetSlug: string;
};

/** Writes the residents, their conversations and their supports. Returns the residents' ids. */
export async function seedCommunity(tx: Tx, ctx: CommunityContext): Promise<string[]> {
  const rand = sequence(15);
  const residents = allResidents().map((r, i) => ({
    ...r,
    id: newRowId(),
    avatarId: newRowId(),
    name: nameOf(r),
    joined: new Date(ctx.now - (120 + ((i * 29) % 400)) * DAY),
  }));
  await tx.user.createMany({
    data: residents.map((r) => ({
      id: r.id,
      email: `${ascii(r.first)}.${ascii(r.last)}@arroyoverde.example`,
      displayName: r.name,
      passwordHash: ctx.passwordHash,
      locale: r.locale,
      emailVerifiedAt: r.joined,
      createdAt: r.joined,
      neighborhoodId: ctx.neighborhoods[r.hood],
      avatarId: r.avatarId,
    })),
  });
  await tx.attachment.createMany({
    data: residents.map((r, i) => ({
      id: r.avatarId,
      ...attachmentData(ctx.avatars[i]!, { kind: 'avatar', id: r.id }, r.id),
      createdAt: r.joined,
    })),
  });

  // Conversations: every topic in every neighborhood, opened by one of its residents in their
  // language, answered by neighbors (mostly from the same neighborhood) in theirs.
  const threads: {
    id: string;
    channelId: string;
    authorId: string;
    title: string;
    createdAt: Date;
    lastActivityAt: Date;
    replyCount: number;
  }[] = [];
  const posts: { id: string; threadId: string; authorId: string; isOpening: boolean; body: never; text: string; createdAt: Date }[] = [];
  const follows = new Map<string, { userId: string; targetKind: string; targetId: string; level: string; createdAt: Date }>();
  for (const [hood, local] of Object.entries(LOCAL)) {
    const people = residents.filter((r) => r.hood === hood);
    for (const [t, topic] of TOPICS.entries()) {
      const street = local.streets[(t + hood.length) % local.streets.length]!;
      const fill = (s: string, lang: 'en' | 'es') =>
        s.replaceAll('{street}', street).replaceAll('{place}', local.place[lang]).replaceAll('{school}', local.school[lang]);
      const author = people[(t * 3 + hood.length) % people.length]!;
      const threadId = newRowId();
      // Between 7 and 90 days ago: older than the hand-written threads of the last six days.
      const opened = ctx.now - (7 + rand.int(83)) * DAY - rand.int(12) * HOUR;
      const replies = 2 + rand.int(7);
      let at = opened;
      const used = new Set<string>();
      posts.push(post(threadId, author.id, true, fill(topic.opening[author.locale], author.locale), new Date(at)));
      for (let n = 0; n < replies; n++) {
        // Three in four replies come from the same neighborhood.
        const pool = rand.next() < 0.75 ? people : residents;
        const replier = pool[rand.int(pool.length)]!;
        const own = topic.replies[replier.locale].filter((s) => !used.has(s));
        const chosen = own.length ? rand.pick(own) : rand.pick(GENERIC_REPLIES[replier.locale]);
        used.add(chosen);
        const text = fill(chosen, replier.locale);
        at += (1 + rand.int(20)) * HOUR;
        // Now and then a reply names the one who opened the thread.
        const mention = replier.id !== author.id && rand.next() < 0.3 ? author : null;
        posts.push(post(threadId, replier.id, false, text, new Date(at), mention));
        follows.set(`${replier.id} ${threadId}`, {
          userId: replier.id,
          targetKind: 'thread',
          targetId: threadId,
          level: 'follow',
          createdAt: new Date(at),
        });
      }
      follows.set(`${author.id} ${threadId}`, {
        userId: author.id,
        targetKind: 'thread',
        targetId: threadId,
        level: 'follow',
        createdAt: new Date(opened),
      });
      threads.push({
        id: threadId,
        channelId: ctx.channels[hood]!,
        authorId: author.id,
        title: fill(topic.title[author.locale], author.locale),
        createdAt: new Date(opened),
        lastActivityAt: new Date(at),
        replyCount: replies,
      });
    }
  }
  await tx.thread.createMany({ data: threads });
  await tx.post.createMany({ data: posts });
  await tx.follow.createMany({ data: [...follows.values()] });

  // Reactions: most posts get a few, never from their own author, one of each kind per person.
  const reactions = new Map<string, { postId: string; userId: string; kind: string; createdAt: Date }>();
  for (const p of posts) {
    for (let n = rand.int(5); n > 0; n--) {
      const who = rand.pick(residents);
      if (who.id === p.authorId) continue;
      const kind = rand.pick(REACTIONS);
      reactions.set(`${p.id} ${who.id} ${kind}`, { postId: p.id, userId: who.id, kind, createdAt: new Date(p.createdAt.getTime() + HOUR) });
    }
  }
  await tx.reaction.createMany({ data: [...reactions.values()] });

  // Supports for the proposals of the budget in voting: each resident backs one to three.
  const proposals = await tx.proposal.findMany({
    where: { process: { slug: ctx.budgetSlug }, status: 'published' },
    select: { id: true, supportCount: true },
    orderBy: { createdAt: 'asc' },
  });
  if (proposals.length) {
    const supports = new Map<string, { proposalId: string; userId: string; createdAt: Date }>();
    for (const r of residents) {
      for (let n = 1 + rand.int(3); n > 0; n--) {
        const p = rand.pick(proposals);
        supports.set(`${p.id} ${r.id}`, { proposalId: p.id, userId: r.id, createdAt: new Date(ctx.now - (20 + rand.int(20)) * DAY) });
      }
    }
    await tx.proposalSupport.createMany({ data: [...supports.values()] });
    for (const p of proposals) {
      const added = [...supports.values()].filter((s) => s.proposalId === p.id).length;
      if (added) await tx.proposal.update({ where: { id: p.id }, data: { supportCount: p.supportCount + added } });
    }
  }
  return residents.map((r) => r.id);

  function post(
    threadId: string,
    authorId: string,
    isOpening: boolean,
    text: string,
    createdAt: Date,
    mention: { id: string; name: string } | null = null,
  ) {
    const doc = fromPlainText(text);
    if (mention) {
      const node: MentionNode = { type: 'mention', userId: mention.id, name: mention.name, version: 1 };
      const first = doc.root.children[0] as unknown as { children: [{ text: string }, ...unknown[]] };
      first.children[0].text = ` ${first.children[0].text}`;
      (first.children as unknown[]).unshift(node);
    }
    return { id: newRowId(), threadId, authorId, isOpening, body: doc as never, text: toPlainText(doc), createdAt };
  }
}

/** An e-mail-safe form of a name ("Sofía" → "sofia"). */
const ascii = (name: string) => foldText(name).replace(/[^a-z]/g, '');
