import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Adding a language takes its code and its locale files, nothing else: a copy of the locale
 * folders plus `fr/` (the English files with a few strings in French, the rest falling back),
 * and the real server offers French, renders in it and takes staff content in it.
 */
let server: TestServer;
let admin: Client;
let locales: string;
beforeAll(async () => {
  locales = mkdtempSync(join(tmpdir(), 'townsquare-locales-'));
  cpSync('locales', locales, { recursive: true });
  cpSync(join('locales', 'en'), join(locales, 'fr'), { recursive: true });
  const common = JSON.parse(readFileSync(join(locales, 'fr', 'common.json'), 'utf8'));
  common.layout.language = 'Langue';
  common.home.neighborhoods = 'Quartiers';
  writeFileSync(join(locales, 'fr', 'common.json'), JSON.stringify(common));
  server = await startTestServer({ LOCALES_DIR: locales });
  admin = await signedIn(server.url, DEMO.admin);
});
afterAll(async () => {
  await server?.stop();
  rmSync(locales, { recursive: true, force: true });
});

async function readerIn(lng: string) {
  const reader = new Client(server.url);
  await reader.get('/');
  const res = await reader.post('/language', { locale: lng, redirectTo: '/' });
  expect(res.status).toBe(303);
  return reader;
}

describe('a third language from its locale files alone', () => {
  it('is offered by the language switch and renders pages in French', async () => {
    expect(readdirSync(locales).sort()).toEqual(['en', 'es', 'fr']);
    const visitor = new Client(server.url);
    const before = await visitor.page('/');
    expect(before).toMatch(/<button[^>]*value="fr"[^>]*lang="fr"[^>]*>Français<\/button>/);
    expect(before).toContain('data-languages="en,es,fr"');

    const french = await readerIn('fr');
    const html = await french.page('/');
    expect(html).toMatch(/<html lang="fr"/);
    expect(textOf(html)).toContain('Quartiers');
    // A string not yet translated falls back to English rather than showing its key.
    expect(textOf(html)).toContain('Sign in');
  });

  it("names a French reader's language on their account page and lists French among the languages", async () => {
    const reader = await signedIn(server.url, DEMO.captain);
    const res = await reader.post('/language', { locale: 'fr', redirectTo: '/' });
    expect(res.status).toBe(303);
    expect(await reader.page('/account')).toMatch(/<dd lang="fr">Français<\/dd>/);
    // The home page's intro names every supported language, French included, in the reader's.
    expect(textOf(await reader.page('/'))).toContain('anglais, espagnol ou français');
  });

  it('lets staff name a department and a neighborhood in French, which French readers see', async () => {
    const form = await admin.page('/admin/departments');
    expect(form).toContain('name="name.fr"');
    expect(form).toMatch(/<legend>Name<\/legend>/);

    const department = await admin.post('/admin/departments', {
      slug: 'bibliotheque',
      'name.en': 'Public Library',
      'name.es': 'Biblioteca Pública',
      'name.fr': 'Bibliothèque municipale',
      email: 'library@arroyoverde.example',
    });
    expect(department.status).toBe(303);
    // Every language is required: French too.
    const missing = await admin.post('/admin/departments', {
      slug: 'sans-nom',
      'name.en': 'Nameless',
      'name.es': 'Sin nombre',
      email: 'x@arroyoverde.example',
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/name="name\.fr"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="name\.fr"/);

    const neighborhood = await admin.post('/admin/neighborhoods', {
      slug: 'colline',
      'name.en': 'The Hill',
      'name.es': 'La Colina',
      'name.fr': 'La Colline',
      'description.fr': 'Des maisons sur la colline.',
    });
    expect(neighborhood.status).toBe(303);

    const french = textOf(await (await readerIn('fr')).page('/'));
    expect(french).toContain('La Colline');
    expect(french).toContain('Des maisons sur la colline.');
    expect(french).toContain('Bibliothèque municipale');
    const english = textOf(await (await readerIn('en')).page('/'));
    expect(english).toContain('The Hill');
    expect(english).toContain('Public Library');
    expect(english).not.toContain('La Colline');
  });
});
