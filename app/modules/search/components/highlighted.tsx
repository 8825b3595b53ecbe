import { splitMarked } from '../terms';

/**
 * Text with search matches marked. The database puts private-use characters (U+E000/U+E001,
 * removed from indexed text) around matches; they are split here into <mark> elements, so the
 * post's text stays text: no HTML from the database ever reaches the page.
 */
export function Highlighted({ text }: { text: string }) {
  return <>{splitMarked(text).map((piece, i) => (piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}</>;
}
