import type { LucideIcon } from 'lucide-react';
import MoreHorizontal from 'lucide-react/icons/ellipsis';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A disclosure menu of secondary actions (links or small forms) behind one button, so a row of
 * actions does not crowd. It is a <details>, so it opens without JavaScript; with JavaScript,
 * Escape and a click outside close it and Escape gives focus back to the button.
 */
export function Menu({
  label,
  icon: Icon = MoreHorizontal,
  children,
  align = 'end',
}: {
  label: string;
  icon?: LucideIcon;
  children: ReactNode;
  align?: 'start' | 'end';
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !details.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    const onClick = (event: MouseEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return (
    <details className={`menu menu-${align}`} ref={ref}>
      <summary className="menu-button">
        <Icon aria-hidden="true" className="icon" />
        <span>{label}</span>
      </summary>
      <div className="menu-panel">{children}</div>
    </details>
  );
}
