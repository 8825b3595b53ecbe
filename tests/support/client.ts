/**
 * A browser-like HTTP client for integration tests: keeps cookies, sends the Origin header,
 * fills in the CSRF token from the last page it loaded, and does not follow redirects (so tests
 * can assert on them).
 */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  lastHtml = '';

  constructor(public base: string) {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const load = () => fetch(this.base + path, { headers: { Cookie: cookieOf(this), ...headers }, redirect: 'manual' });
    // Like a browser, retry a GET once when the kept-alive connection it reused had just been
    // closed by the server: a test that keeps its event loop busy (validating HTML, say) past the
    // server's keep-alive timeout has not yet seen the close when it sends the next request.
    const res = await load().catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return load();
      throw error;
    });
    this.keep(res);
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      this.lastHtml = await res.clone().text();
      const token = /name="csrf" value="([^"]+)"/.exec(this.lastHtml);
      if (token) this.csrf = token[1];
    }
    return res;
  }

  /** GETs a page and returns its HTML (fails on a non-200 answer). */
  async page(path: string) {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return this.lastHtml;
  }

  /** Posts a form like a browser would, with the CSRF token unless `csrf: false`. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean; origin?: string; headers?: Record<string, string> } = {},
  ) {
    if (!this.csrf && options.csrf !== false) await this.get('/');
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('csrf', this.csrf);
    // Like a browser, send the honeypot's hidden timestamp that the form page carried.
    const started = /name="form_started" value="([^"]+)"/.exec(this.lastHtml);
    if (started && !('form_started' in fields)) body.append('form_started', started[1]);
    if (this.lastHtml.includes('name="website"') && !('website' in fields)) body.append('website', '');
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.send(path, body, { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers }, options.origin);
  }

  /**
   * Posts a body as is (FormData for multipart, like a browser without JavaScript) with the
   * cookies and the Origin header, and keeps the cookies the answer sets.
   */
  async send(path: string, body: BodyInit, headers: Record<string, string> = {}, origin = this.base) {
    const res = await fetch(this.base + path, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { Cookie: cookieOf(this), Origin: origin, ...headers },
    });
    this.keep(res);
    return res;
  }

  async signIn(email: string, password: string) {
    await this.get('/signin');
    const res = await this.post('/signin', { email, password });
    if (res.status !== 303) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
    return res;
  }
}

/** The Cookie header a browser would send for `client`. */
export function cookieOf(client: Client): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The visible text of an HTML page, tags removed and entities decoded (for assertions). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

export const DEMO = {
  password: 'arroyo-verde-demo',
  admin: 'admin@arroyoverde.example',
  staff: 'staff@arroyoverde.example',
  moderator: 'moderator@arroyoverde.example',
  captain: 'captain@arroyoverde.example',
  liaison: 'liaison@arroyoverde.example',
  resident: 'resident@arroyoverde.example',
} as const;

let counter = 0;
/** A unique address per call, so tests never collide on the same database. */
export function uniqueEmail(prefix = 'user') {
  return `${prefix}.${Date.now().toString(36)}.${++counter}@example.org`;
}

/** A client already signed in as `email` (a demo account unless a password is given). */
export async function signedIn(base: string, email: string, password: string = DEMO.password): Promise<Client> {
  const client = new Client(base);
  await client.signIn(email, password);
  return client;
}

/** The table row (<tr>…</tr>) of an HTML page that contains `needle`, or null. */
export function rowWith(html: string, needle: string): string | null {
  for (const match of html.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)) {
    if (match[0].includes(needle)) return match[0];
  }
  return null;
}
