import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Link } from '~/components/link';

/** The app's link renders a plain anchor (the browser resolves it); its navigation is in e2e (forum.spec.ts). */
describe('Link', () => {
  const html = (props: Parameters<typeof Link>[0]) => renderToStaticMarkup(createElement(Link, props));

  it('is a plain anchor to a path from the root, a search or a fragment, marked for route discovery', () => {
    expect(html({ to: '/people/abc', className: 'x', children: 'Ana' })).toBe(
      '<a class="x" href="/people/abc" data-discover="true">Ana</a>',
    );
    expect(html({ to: '?quote=p1#reply', children: 'Quote' })).toBe('<a href="?quote=p1#reply" data-discover="true">Quote</a>');
    expect(html({ to: '#reply', children: 'Reply' })).toContain('href="#reply"');
    // A full page load leaves the router out, and so route discovery.
    expect(html({ to: '/admin/imports/1', reloadDocument: true, children: 'File' })).toBe('<a href="/admin/imports/1">File</a>');
  });

  it('refuses a relative path, which the router and the browser would resolve differently', () => {
    for (const to of ['edit', '../x', '', 'https://example.org/']) {
      expect(() => html({ to, children: 'x' }), to).toThrow(/a link goes to a path from the root/);
    }
  });
});
