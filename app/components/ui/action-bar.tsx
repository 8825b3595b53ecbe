import type { ReactNode } from 'react';

/** The buttons and links that act on a page or a form (submit, reset, export), in one row. */
export function ActionBar({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="actions" role={label ? 'group' : undefined} aria-label={label}>
      {children}
    </div>
  );
}
