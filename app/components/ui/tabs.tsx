import { NavLink } from '@remix-run/react';
import type { ReactNode } from 'react';

export type Tab = { to: string; label: ReactNode; end?: boolean; count?: number };

/**
 * Tabs between the pages of one area (account, a request's views, a queue's saved filters). Each
 * tab is a link, so tabs work without JavaScript and keep their place in history; the current one
 * carries aria-current="page". On a phone the row scrolls sideways instead of wrapping.
 */
export function Tabs({ label, tabs }: { label: string; tabs: readonly Tab[] }) {
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.end ?? false}>
              {tab.label}
              {tab.count !== undefined ? <span className="tab-count">{tab.count}</span> : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
