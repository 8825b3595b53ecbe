import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server for tests: the app sends to it over SMTP like it would to a city's relay.
 * Messages are kept in memory; `serveHttp()` exposes them to other processes (Playwright).
 */
/** `headers`: each header as sent (lower-case name → unfolded raw value; repeated ones joined by "\n"). */
export type CaughtMail = { to: string[]; subject: string; text: string; headers: Record<string, string>; receivedAt: number };

function rawHeaders(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[key] = key in headers ? `${headers[key]}\n${value}` : value;
  }
  return headers;
}

export class MailCatcher {
  messages: CaughtMail[] = [];
  private smtp: SMTPServer;
  private http?: HttpServer;
  port = 0;

  constructor() {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.messages.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers: rawHeaders(parsed.headerLines),
              receivedAt: Date.now(),
            });
            callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.smtp.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.smtp.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits for a mail to `to` (newest first) matching the optional subject test. */
  async waitFor(to: string, match: (m: CaughtMail) => boolean = () => true, timeoutMs = 10_000): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = [...this.messages].reverse().find((m) => m.to.includes(to.toLowerCase()) && match(m));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no mail to ${to} within ${timeoutMs} ms (got ${this.messages.length} in all)`);
  }

  /** GET /messages?to=address → JSON list, for tests in other processes. */
  async serveHttp(port = 0): Promise<number> {
    this.http = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const to = url.searchParams.get('to')?.toLowerCase();
      const list = to ? this.messages.filter((m) => m.to.includes(to)) : this.messages;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(list));
    });
    await new Promise<void>((resolve) => this.http!.listen(port, '127.0.0.1', () => resolve()));
    return (this.http.address() as AddressInfo).port;
  }

  async stop() {
    await new Promise<void>((resolve) => this.smtp.close(() => resolve()));
    if (this.http) await new Promise<void>((resolve) => this.http!.close(() => resolve()));
  }
}

/** The first link in a mail's text that starts with the given URL prefix. */
export function linkIn(mail: CaughtMail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in: ${mail.text}`);
  return link;
}
