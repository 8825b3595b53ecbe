import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { defaultNS, fallbackLanguage } from '~/lib/i18n';

async function hydrate() {
  const html = document.documentElement;
  // The server wrote the language, the namespaces and a version of the locale files (for caching).
  const version = html.dataset.i18nVersion ?? '0';
  await i18next
    .use(initReactI18next)
    // The locale files, fetched as they are (cached per version); a small backend keeps the
    // page's JavaScript within its budget.
    .use(
      resourcesToBackend(async (lng: string, ns: string) => {
        const response = await fetch(`/locales/${lng}/${ns}.json?v=${version}`);
        if (!response.ok) throw new Error(`${response.status} for the ${lng}/${ns} messages`);
        return response.json();
      }),
    )
    .init({
      lng: html.lang || fallbackLanguage,
      fallbackLng: fallbackLanguage,
      defaultNS,
      ns: (html.dataset.i18nNs ?? defaultNS).split(','),
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
