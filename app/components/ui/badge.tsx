import type { ReactNode } from 'react';

/**
 * A short label in a pill: a status, a priority, "overdue". `tone` names the look (a class such as
 * `status-open` or `overdue`, styled in app.css); `strong` marks it as important to screen readers.
 */
export function Badge({ children, tone, strong }: { children: ReactNode; tone?: string; strong?: boolean }) {
  const className = tone ? `pill ${tone}` : 'pill';
  return strong ? <strong className={className}>{children}</strong> : <span className={className}>{children}</span>;
}

/** A status in its colour (`status-<status>` in app.css), labelled in the reader's language. */
export function StatusBadge({ status, label, strong }: { status: string; label: ReactNode; strong?: boolean }) {
  return (
    <Badge tone={`status-${status}`} strong={strong}>
      {label}
    </Badge>
  );
}
