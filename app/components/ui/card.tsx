import type { ReactNode } from 'react';
import { useId } from 'react';

/**
 * A titled section: its heading names it for screen readers (aria-labelledby). `boxed` draws the
 * card frame; `tone="danger"` marks a destructive zone (delete).
 */
export function Card({
  title,
  level = 2,
  children,
  boxed,
  tone,
  id,
}: {
  title: ReactNode;
  level?: 2 | 3;
  children: ReactNode;
  boxed?: boolean;
  tone?: 'danger';
  id?: string;
}) {
  const fallback = useId();
  const headingId = id ?? `card${fallback.replace(/:/g, '')}`;
  const Heading = level === 3 ? 'h3' : 'h2';
  const className = [boxed ? 'card' : null, tone === 'danger' ? 'danger-zone' : null].filter(Boolean).join(' ') || undefined;
  return (
    <section aria-labelledby={headingId} className={className}>
      <Heading id={headingId}>{title}</Heading>
      {children}
    </section>
  );
}
