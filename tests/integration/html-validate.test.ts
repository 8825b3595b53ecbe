import { readFileSync } from 'node:fs';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * The main pages, as the real server sends them, are valid HTML by html-validate's recommended
 * rules (.htmlvalidate.json: only the purely stylistic rules React's output cannot follow are
 * off). Issue 10, item 18: an `autocomplete="street-address"` on a one-line input slipped through.
 */
const server = withTestServer();

const validator = new HtmlValidate(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData);
const q = sqlOf(server);

async function problems(client: Client, path: string): Promise<string[]> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  const report = await validator.validateString(await res.text(), path);
  return report.results.flatMap((r) =>
    r.messages.filter((m) => m.severity === 2).map((m) => `${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message} (${m.selector ?? ''})`),
  );
}

async function check(client: Client, paths: string[]) {
  const found: string[] = [];
  for (const path of paths) found.push(...(await problems(client, path)));
  expect(found).toEqual([]);
}

describe('html-validate on the main pages', () => {
  it('public pages: home, channels, a thread, sign in, sign up, filing a request, the public requests and one of them, search', async () => {
    const [thread] = await q(`SELECT "id" FROM "Thread" WHERE "title" = 'Streetlight out at Mill St & Bridge St'`);
    const [published] = await q(
      `SELECT r."publicCode" FROM "ServiceRequest" r JOIN "RequestType" t ON t."id" = r."typeId" WHERE t."publicVisibility" = 'full' AND r."status" = 'new'`,
    );
    await check(new Client(server.url), [
      '/',
      '/requests',
      `/requests/${published.publicCode}`,
      '/channels',
      '/channels/n-riverside',
      `/threads/${thread.id}`,
      '/signin',
      '/signup',
      '/forgot-password',
      '/requests/new',
      '/requests/new/pothole',
      '/search?q=streetlight',
      '/privacy',
      '/terms',
      '/accessibility',
      '/contact',
    ]);
  });

  it("a resident: their requests and a request's tracking page, a thread with the reply form", async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const [mine] = await q(
      `SELECT r."publicCode" FROM "ServiceRequest" r JOIN "User" u ON u."id" = r."requesterId" WHERE u."email" = $1 AND r."status" = 'resolved'`,
      [DEMO.resident],
    );
    const [thread] = await q(`SELECT "id" FROM "Thread" WHERE "title" = 'Parking on the lawns along Calle Rosa'`);
    await check(rosa, [
      '/requests',
      '/requests/mine',
      `/requests/${mine.publicCode}`,
      `/threads/${thread.id}`,
      '/account',
      '/notifications',
    ]);
  });

  it('staff: the queue, recording a request, a request being handled, a closed one with its follow-up', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const [open] = await q(`SELECT "publicCode" FROM "ServiceRequest" WHERE "status" = 'in_progress' ORDER BY "createdAt" LIMIT 1`);
    const [closed] = await q(`SELECT r."publicCode" FROM "ServiceRequest" r JOIN "SurveyResponse" s ON s."requestId" = r."id" LIMIT 1`);
    await check(staff, [
      '/staff',
      '/staff/requests',
      '/staff/requests?status=closed&status=declined',
      '/staff/requests/new',
      '/staff/requests/new/pothole',
      `/requests/${open.publicCode}`,
      `/requests/${closed.publicCode}`,
      '/moderation',
    ]);
  });

  it('block watch: the directory, the community calendar, a group, its members, invite links and meetings (captain), the staff list', async () => {
    await check(new Client(server.url), ['/groups', '/groups/las-flores-block-watch', '/calendar']);
    const captain = await signedIn(server.url, DEMO.captain);
    await check(captain, [
      '/groups/las-flores-block-watch',
      '/groups/las-flores-block-watch/members',
      '/groups/las-flores-block-watch/invites',
    ]);
    // A meeting: the schedule form, then a past date's page (minutes form) and an upcoming one's (answers, moving).
    const day = (days: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(Date.now() + days * 864e5));
    await check(captain, ['/groups/las-flores-block-watch/meetings/new']);
    const scheduled = await captain.post('/groups/las-flores-block-watch/meetings/new', {
      title: 'Validated meeting',
      bodyText: 'Agenda',
      startsAt: `${day(-1)}T18:00`,
      endsAt: `${day(-1)}T19:00`,
      visibility: 'members',
      repeat: 'weekly',
      count: '3',
    });
    expect(scheduled.status).toBe(303);
    const first = scheduled.headers.get('location')!;
    await check(captain, [first, first.replace(/\d{4}-\d{2}-\d{2}$/, day(6))]);
    await check(await signedIn(server.url, DEMO.staff), ['/staff/groups', '/groups/las-flores-block-watch/members']);
  });

  it('administration pages', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const [type] = await q(`SELECT "id" FROM "RequestType" WHERE "code" = 'pothole'`);
    const [hood] = await q(`SELECT "id" FROM "Neighborhood" LIMIT 1`);
    const [department] = await q(`SELECT "id" FROM "Department" LIMIT 1`);
    await check(admin, [
      '/admin',
      '/admin/city',
      '/admin/neighborhoods',
      `/admin/neighborhoods/${hood.id}`,
      '/admin/departments',
      `/admin/departments/${department.id}`,
      '/admin/request-types',
      '/admin/request-types/new',
      `/admin/request-types/${type.id}`,
      `/admin/request-types/${type.id}/fields`,
      '/admin/roles',
      '/admin/audit',
      '/admin/mail',
      '/admin/api-keys',
      '/admin/imports',
      '/admin/pages',
      '/admin/pages/terms',
    ]);
  });
});
