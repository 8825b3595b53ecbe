import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { Link } from '~/components/link';

/** The app's link renders a plain anchor (the browser resolves it); its navigation is in e2e (forum.spec.ts). */
describe('Link', () => {
  const html = (props: Parameters<typeof Link>[0]) =>
    renderToStaticMarkup(createElement(MemoryRouter, { initialEntries: ['/threads/t1?after=p9'] }, createElement(Link, props)));

  it('is a plain anchor to a path from the root, a search or a fragment, marked for route discovery', () => {
    expect(html({ to: '/people/abc', className: 'x', children: 'Ana' })).toBe(
      '<a data-discover="true" class="x" href="/people/abc">Ana</a>',
    );
    // A search replaces the page's own; a fragment keeps it (the same page, scrolled).
    expect(html({ to: '?quote=p1#reply', children: 'Quote' })).toBe('<a data-discover="true" href="/threads/t1?quote=p1#reply">Quote</a>');
    expect(html({ to: '#reply', children: 'Reply' })).toContain('href="/threads/t1?after=p9#reply"');
    // A full page load leaves the router out, and so route discovery.
    expect(html({ to: '/admin/imports/1', reloadDocument: true, children: 'File' })).toBe('<a href="/admin/imports/1">File</a>');
  });

  it('refuses a relative path, which the router and the browser would resolve differently', () => {
    for (const to of ['edit', '../x', '', 'https://example.org/']) {
      expect(() => html({ to, children: 'x' }), to).toThrow(/a link goes to a path from the root/);
    }
  });
});
