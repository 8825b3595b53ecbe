import CircleAlert from 'lucide-react/icons/circle-exclamation-point';
import CircleCheck from 'lucide-react/icons/circle-check';
import Info from 'lucide-react/icons/info';
import X from 'lucide-react/icons/x';
import { useState, type ReactNode } from 'react';
import { useHydrated } from '~/lib/use-hydrated';

const ICONS = { success: CircleCheck, error: CircleAlert, info: Info } as const;

/**
 * The message a page shows once after an action ("Reply posted"): a status region at the top of
 * the content, so it is announced and never covers anything. With JavaScript it gains a close
 * button (outside the status region, which holds the message only); it does not vanish on a
 * timer, so slow readers keep it (WCAG 2.2.1).
 */
export function Toast({ kind, children, closeLabel }: { kind: 'success' | 'error' | 'info'; children: ReactNode; closeLabel: string }) {
  const [open, setOpen] = useState(true);
  const hydrated = useHydrated();
  if (!open) return null;
  const Icon = ICONS[kind];
  return (
    <div className={`toast alert alert-${kind}`}>
      <Icon aria-hidden="true" className="icon" />
      <div role="status" className="toast-text">
        {children}
      </div>
      {hydrated ? (
        <button type="button" className="toast-close" onClick={() => setOpen(false)}>
          <X aria-hidden="true" className="icon" />
          <span className="visually-hidden">{closeLabel}</span>
        </button>
      ) : null}
    </div>
  );
}
