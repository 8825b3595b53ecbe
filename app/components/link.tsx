import { useLocation, useNavigate, type NavigateFunction } from '@remix-run/react';
import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  /**
   * A path from the site's root ("/threads/1"), or a search or fragment of the current page
   * ("?page=2", "#reply"). Relative paths ("edit", "../x") are refused: the router and the
   * browser resolve them differently, and this link leaves resolution to the browser.
   */
  to: string;
  /** Keep the scroll position when the page changes (a link that changes what the same page shows). */
  preventScrollReset?: boolean;
  /** Always a full page load (a file download, a page outside the app's routes). */
  reloadDocument?: boolean;
};

/** How `to` may start: from the root, a search, a fragment. */
const STARTS = new Set(['/', '?', '#']);

const Navigation = createContext<NavigateFunction | null>(null);

/** Gives the links under it client-side navigation: one router hook for the page, not one per link. */
export function LinkNavigation({ children }: { children: ReactNode }) {
  return <Navigation.Provider value={useNavigate()}>{children}</Navigation.Provider>;
}

/**
 * The app's link: a plain `<a href>` that the router takes over on a click, as Remix's `<Link>`
 * does. Remix's `<Link>` resolves its path through three router hooks per link on every render;
 * on a thread page's 50–200 links that was a fifth of the server's time (decision 0031). This one
 * reads one context. `data-discover` lets Remix's route discovery fetch the route ahead of a click,
 * as it does for its own links. Without JavaScript, or before hydration, it is an ordinary link.
 * Needs the router (a page); unit tests render it inside a MemoryRouter.
 */
export function Link({ to, preventScrollReset, reloadDocument, onClick, children, ...props }: Props) {
  if (!STARTS.has(to[0])) throw new Error(`Link to "${to}": a link goes to a path from the root, a search or a fragment`);
  const navigate = useContext(Navigation);
  const location = useLocation();
  // A search or a fragment is written out from the current page's path, as the router writes it.
  const href = to[0] === '?' ? location.pathname + to : to[0] === '#' ? location.pathname + location.search + to : to;
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (reloadDocument || !navigate || !isPlainClick(event)) return;
    const url = new URL(event.currentTarget.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    const path = url.pathname + url.search + url.hash;
    const here = window.location.pathname + window.location.search + window.location.hash;
    // As the router's own links: going to where one already is replaces the history entry.
    navigate(path, { preventScrollReset, replace: path === here });
  };
  return (
    <a data-discover={reloadDocument ? undefined : 'true'} {...props} href={href} onClick={handle}>
      {children}
    </a>
  );
}

/** A click the browser would follow in this tab: main button, no modifier, no other target. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>) {
  const anchor = event.currentTarget;
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) &&
    (!anchor.target || anchor.target === '_self') &&
    !anchor.hasAttribute('download')
  );
}
