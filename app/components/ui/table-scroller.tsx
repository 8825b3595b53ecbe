import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Wide tables scroll sideways on phones; the scrolling box is focusable so keyboard users can
 * scroll it too (WCAG 2.1.1), and is named for screen readers.
 */
export function TableScroller({ children, className }: { children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className ? `table-wrap ${className}` : 'table-wrap'} role="group" aria-label={t('tableScroll')} tabIndex={0}>
      {children}
    </div>
  );
}
