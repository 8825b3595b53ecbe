import { Link } from '~/components/link';

export type PageLink = { to: string; label: string };

/**
 * The links between the pages of a list (newer/older, previous/next), in a navigation landmark
 * named by `label`. A side without a page is left out; with neither, nothing is drawn. Every
 * paginated list uses it, so a restyle of pagination happens here (`.pager` in app.css).
 */
export function Pager({ label, previous, next }: { label: string; previous?: PageLink | null; next?: PageLink | null }) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={label} className="pager actions">
      {previous ? <Link to={previous.to}>{previous.label}</Link> : null}
      {next ? <Link to={next.to}>{next.label}</Link> : null}
    </nav>
  );
}
