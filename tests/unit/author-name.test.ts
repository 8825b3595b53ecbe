import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { AuthorName } from '~/components/author-name';
import { localeResources } from '~/lib/i18n.server';

async function render(lng: string, author: Parameters<typeof AuthorName>[0]['author']) {
  const i18n = createInstance();
  await i18n
    .use(initReactI18next)
    .init({ lng, resources: localeResources().resources as never, defaultNS: 'common', interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(AuthorName, { author })));
}

describe('AuthorName', () => {
  it('shows the display name of an active account', async () => {
    expect(await render('en', { displayName: 'Rosa Delgado', status: 'active' })).toBe('<span>Rosa Delgado</span>');
  });

  it('shows a deleted account as "Deleted account", in the reader\'s language', async () => {
    expect(await render('en', { displayName: '', status: 'deleted' })).toContain('Deleted account');
    expect(await render('es', { displayName: '', status: 'deleted' })).toContain('Cuenta eliminada');
    expect(await render('en', null)).toContain('Deleted account');
  });
});
