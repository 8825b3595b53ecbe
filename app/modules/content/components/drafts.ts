/**
 * Drafts of rich-text fields kept in this browser's localStorage, one per form field, so a
 * reload or a lost connection does not lose a long post. Every call tolerates a storage that
 * is full, disabled or absent (private browsing): a draft is a convenience, never required.
 */
const PREFIX = 'townsquare:draft:';

/** One field of one page: "reply to thread X" and "edit post Y" keep separate drafts. */
export const draftKey = (pathname: string, field: string) => `${PREFIX}${pathname}#${field}`;

export function readDraft(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function saveDraft(key: string, json: string): void {
  try {
    window.localStorage.setItem(key, json);
  } catch {
    // Storage full or disabled: the post itself is unaffected.
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above.
  }
}
