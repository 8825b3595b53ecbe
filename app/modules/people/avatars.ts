/**
 * What every page needs to show a person's avatar, on the server and in the browser: the URL of
 * an uploaded one, or the initials and colour of a generated one.
 */

/** The side (px) uploaded avatars are stored at: enough for the profile's largest size at 2x. */
export const AVATAR_SIDE = 256;

/**
 * The uploaded avatar's address: its attachment id is the version, so a new picture gets a new
 * URL and each URL can be cached for good.
 */
export function avatarUrl(userId: string, avatarId: string) {
  return `/people/${userId}/avatar/${avatarId}`;
}

/** Up to two letters: the first of the first and last words ("Rosa María Delgado" → "RD"). */
export function initials(name: string) {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  if (!words.length) return '?';
  const first = (word: string) => Array.from(word)[0]!.toLocaleUpperCase();
  return words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
}

/**
 * Number of generated avatar colours (`.avatar-c0` … in app.css): each dark enough for white
 * initials at WCAG AA (at least 4.5:1), whichever theme the page is in.
 */
export const AVATAR_COLOURS = 8;

/** The colour of a person's generated avatar, from their id: always the same for the same person. */
export function avatarColour(userId: string) {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % AVATAR_COLOURS;
}
