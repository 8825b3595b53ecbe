import { describe, expect, it } from 'vitest';
import { withTestServer } from '../support/test-server';

const server = withTestServer();

describe('HTTP basics', () => {
  it('sends a nonce-based CSP that matches every script tag, and the other security headers', async () => {
    const res = await fetch(server.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/\sstyle="/);
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toBeTruthy();
    // A fresh nonce per request.
    const again = (await fetch(server.url)).headers.get('content-security-policy');
    expect(again).not.toBe(csp);
  });

  it('serves fingerprinted assets as immutable and compresses pages', async () => {
    const html = await (await fetch(server.url)).text();
    const asset = /href="(\/build\/_assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const res = await fetch(server.url + asset);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const page = await fetch(server.url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers an unknown page with a localized 404', async () => {
    const res = await fetch(`${server.url}/no-such-page`, { headers: { 'Accept-Language': 'es' } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('Página no encontrada');
  });

  it('serves the locale files the browser loads', async () => {
    const res = await fetch(`${server.url}/locales/es/common.json`);
    expect(res.status).toBe(200);
    expect((await res.json()).layout.signIn).toBe('Iniciar sesión');
    expect((await fetch(`${server.url}/locales/xx/../../package.json`)).status).toBe(404);
  });

  it('serves a web app manifest named after the city, linked from every page, with the light and dark themes declared', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(page).toContain('<meta name="color-scheme" content="light dark"/>');
    const res = await fetch(`${server.url}/manifest.webmanifest`, { headers: { 'Accept-Language': 'es' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    expect(await res.json()).toMatchObject({ name: 'Arroyo Verde · Townsquare', short_name: 'Arroyo Verde', lang: 'es', start_url: '/' });
  });
});
