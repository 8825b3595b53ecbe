/** Moved: the forum's guards are in access.server.ts (kept for the promotion page's import). */
export { loadPost } from './access.server';
