import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * What a list or page shows when it has nothing yet: an icon, one line saying so and, when the
 * reader can change that, the action that does (a link or a form). `role="status"` is left off on
 * purpose: an empty list is content, not news.
 */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon?: LucideIcon;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      {Icon ? <Icon aria-hidden="true" className="empty-state-icon" /> : null}
      <p className="empty-state-title">{title}</p>
      {children ? <div className="empty-state-text">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}
