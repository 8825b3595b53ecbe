import { NavLink } from '@remix-run/react';
import { Link } from '~/components/link';
import type { ReactNode } from 'react';

/** `current` decides which tab is the page's when the path alone cannot (tabs that differ by query string). */
export type Tab = { to: string; label: ReactNode; end?: boolean; count?: number; current?: boolean };

/**
 * Tabs between the pages of one area (account, a request's views, a queue's saved filters). Each
 * tab is a link, so tabs work without JavaScript and keep their place in history; the current one
 * carries aria-current="page". On a phone the row scrolls sideways instead of wrapping.
 */
export function Tabs({ label, tabs }: { label: string; tabs: readonly Tab[] }) {
  return (
    <nav aria-label={label} className="tabs">
      <ul>
        {tabs.map((tab, i) => (
          // Two tabs may lead to the same address (two names for one saved filter).
          <li key={`${i}:${tab.to}`}>
            {tab.current === undefined ? (
              <NavLink to={tab.to} end={tab.end ?? false}>
                <TabLabel tab={tab} />
              </NavLink>
            ) : (
              <Link to={tab.to} aria-current={tab.current ? 'page' : undefined}>
                <TabLabel tab={tab} />
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function TabLabel({ tab }: { tab: Tab }) {
  return (
    <>
      {tab.label}
      {tab.count !== undefined ? <span className="tab-count">{tab.count}</span> : null}
    </>
  );
}
