import { sql } from './sql';

/**
 * Arranges a members-only group channel straight in the database, with these members (user
 * ids): no screen creates one with its members yet.
 */
export async function addMembersChannel(
  databaseUrl: string,
  channel: { id: string; slug: string; name: Record<string, string> },
  memberIds: string[] = [],
) {
  const now = new Date().toISOString();
  await sql(
    databaseUrl,
    `INSERT INTO "Channel" (id, slug, kind, name, visibility, "holdFirstPosts", "createdAt") VALUES ($1, $2, 'group', $3, 'members', false, $4)`,
    [channel.id, channel.slug, JSON.stringify(channel.name), now],
  );
  for (const userId of memberIds) {
    await sql(databaseUrl, `INSERT INTO "ChannelMember" ("channelId", "userId", "createdAt") VALUES ($1, $2, $3)`, [
      channel.id,
      userId,
      now,
    ]);
  }
}
