import type { BodyInput } from '~/modules/content/body';
import { mentionCandidates, mentionKey, type Mentionable } from '~/modules/content/formatted-text';
import { MENTION_QUERY_MAX } from '~/modules/content/mentions';
import { LIMITS } from '~/modules/content/richtext';
import type { SessionUser } from '~/modules/identity/session.server';
import { suggestMentions, type MentionSuggestion } from './mentions.server';
import type { ChannelRef } from './policy';

/**
 * Whom the "@Display Name"s of a post typed without JavaScript stand for (for bodyOf): each name
 * is looked up as the editor's suggestions are (suggestMentions: people who may read the channel,
 * never the writer), and kept when a suggested person's name is exactly it, ignoring case and
 * accents. The longest name after an "@" wins ("@Ana Park" before "@Ana"). Nothing to look up
 * when the editor sent its JSON (its mentions carry ids).
 */
export async function plainTextMentions(writer: Pick<SessionUser, 'id'>, channel: ChannelRef, input: BodyInput): Promise<Mentionable> {
  const people = new Map<string, MentionSuggestion>();
  if ((typeof input.body === 'string' && input.body.trim() !== '') || !input.bodyText || input.bodyText.length > LIMITS.bytes)
    return people;
  const looked = new Set<string>();
  // Twice the mentions a post may hold: "@" also starts words that are no one's name.
  for (const names of mentionCandidates(input.bodyText, LIMITS.mentions * 2)) {
    for (const name of names) {
      const key = mentionKey(name);
      if (people.has(key)) break;
      if (looked.has(key) || key.length > MENTION_QUERY_MAX) continue;
      looked.add(key);
      const found = (await suggestMentions(writer, channel, name)).find((p) => mentionKey(p.name) === key);
      if (found) {
        people.set(key, found);
        break;
      }
    }
  }
  return people;
}
