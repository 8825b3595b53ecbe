import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * The demo city has service requests on first start (issue 10, item 4): the staff queue shows
 * every status, Open311 reads return them, a forum post promoted to a request shows its badge,
 * and staff read a closed request's follow-up answer. Through the real server on a fresh,
 * freshly seeded database.
 */
const server = withTestServer();

const q = sqlOf(server);
const codesOf = (html: string) => [...html.matchAll(/<tr data-code="([A-Z0-9]{8})"/g)].map((m) => m[1]);

describe('the demo seed: service requests', () => {
  it('fills the staff queue with requests in every status, from several sources', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    for (const status of ['new', 'acknowledged', 'in_progress', 'resolved', 'closed', 'duplicate', 'declined']) {
      expect(codesOf(await staff.page(`/staff/requests?status=${status}`)).length, status).toBeGreaterThan(0);
    }
    for (const source of ['web', 'phone', 'walk_in', 'email', 'open311', 'forum']) {
      const html = await staff.page(
        `/staff/requests?source=${source}&status=new&status=acknowledged&status=in_progress&status=resolved&status=closed&status=duplicate&status=declined`,
      );
      expect(codesOf(html).length, source).toBeGreaterThan(0);
    }
    // The liaison of Public Works has their department's requests.
    const liaison = await signedIn(server.url, DEMO.liaison);
    expect(codesOf(await liaison.page('/staff/requests')).length).toBeGreaterThan(2);
  });

  it('answers Open311 GET requests with seeded requests', async () => {
    const res = await fetch(`${server.url}/open311/v2/requests.json`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { service_request_id: string; status: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list.map((r) => r.status))).toEqual(new Set(['open', 'closed']));
  });

  it('shows the promoted forum post with its request badge, and the request names its source', async () => {
    const [thread] = await q(`SELECT "id" FROM "Thread" WHERE "title" = 'Streetlight out at Mill St & Bridge St'`);
    const [link] = await q(
      `SELECT r."publicCode", r."status" FROM "RequestLink" l JOIN "ServiceRequest" r ON r."id" = l."requestId" WHERE l."targetKind" = 'thread' AND l."targetId" = $1`,
      [thread.id],
    );
    expect(link).toBeDefined();
    const page = textOf(await new Client(server.url).page(`/threads/${thread.id}`));
    expect(page).toContain(String(link.publicCode));
    // Two posts of another thread point at one request.
    const [twice] = await q(`SELECT "requestId", COUNT(*) AS n FROM "RequestLink" GROUP BY "requestId" HAVING COUNT(*) > 1`);
    expect(Number(twice.n)).toBe(2);
    const staff = await signedIn(server.url, DEMO.staff);
    expect(textOf(await staff.page(`/requests/${link.publicCode}`))).toContain('Streetlight out at Mill St & Bridge St');
  });

  it('shows staff the follow-up answers of closed requests (typed in from a call, too), never residents', async () => {
    const answered = await q(
      `SELECT r."publicCode", s."channel" FROM "SurveyResponse" s JOIN "ServiceRequest" r ON r."id" = s."requestId" WHERE r."status" = 'closed' ORDER BY s."channel"`,
    );
    expect(answered.map((a) => a.channel)).toEqual(['staff', 'web']);
    const staff = await signedIn(server.url, DEMO.staff);
    const web = textOf(await staff.page(`/requests/${answered[1].publicCode}`));
    expect(web).toContain('Quick answer and the truck came the next day. Thank you!');
    const phone = textOf(await staff.page(`/requests/${answered[0].publicCode}`));
    expect(phone).toContain('Me atendieron muy bien en la ventanilla, pero la reparación tardó.');
    expect(phone).toContain('Samuel Ortiz');
  });

  it('gives the resident their own requests, with the public timeline only', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const mine = await q(`SELECT r."publicCode" FROM "ServiceRequest" r JOIN "User" u ON u."id" = r."requesterId" WHERE u."email" = $1`, [
      DEMO.resident,
    ]);
    expect(mine.length).toBeGreaterThan(0);
    const list = textOf(await rosa.page('/requests/mine'));
    for (const { publicCode } of mine) expect(list).toContain(String(publicCode));
    // A request Rosa filed, handled by staff: she reads the public notes, not the internal ones.
    const [resolved] = await q(
      `SELECT r."publicCode" FROM "ServiceRequest" r JOIN "User" u ON u."id" = r."requesterId" WHERE u."email" = $1 AND r."status" = 'resolved'`,
      [DEMO.resident],
    );
    const page = textOf(await rosa.page(`/requests/${resolved.publicCode}`));
    expect(page).toContain('Filled with hot asphalt and the crosswalk repainted.');
    expect(page).not.toContain('Lucía Park');
  });
});

describe('the demo seed: block watch', () => {
  it('has three groups with their captains and members, and their public meetings in the community calendar', async () => {
    const directory = textOf(await new Client(server.url).page('/groups'));
    for (const name of ['Las Flores Block Watch', 'Riverside Neighbors Watch', 'Northgate Heights Block Watch'])
      expect(directory).toContain(name);
    expect(directory).toContain('Captain: Elena Vásquez');
    expect(directory).toContain('Captain: David Okafor');
    expect(directory).toMatch(/4 members/);
    const feed = await (await fetch(`${server.url}/calendar.ics`)).text();
    expect(feed).toContain('Riverside monthly meeting');
    expect(feed).toContain('Northgate online check-in');
    // A members-only walk stays with the members.
    expect(feed).not.toContain('Night walk');
    const tom = await signedIn(server.url, 'tom.becker@arroyoverde.example');
    expect(textOf(await tom.page('/groups/riverside-neighbors-watch'))).toContain('Night walk along the river path');
  });

  it('keeps minutes of past meetings listing the requests raised there, each request naming its meeting', async () => {
    const raised = await q(
      `SELECT l."targetId", r."publicCode" FROM "RequestLink" l JOIN "ServiceRequest" r ON r."id" = l."requestId"
        WHERE l."targetKind" = 'meeting' AND r."source" = 'meeting' ORDER BY r."createdAt"`,
    );
    expect(raised).toHaveLength(4);
    const lasFlores = raised.filter((r) => r.targetId === raised[0].targetId);
    expect(lasFlores).toHaveLength(2);
    const minutes = textOf(await new Client(server.url).page(`/meetings/${raised[0].targetId}`));
    expect(minutes).toContain('Reunión de vecinos de Las Flores');
    expect(minutes).toContain('14');
    for (const r of lasFlores) expect(minutes).toContain(String(r.publicCode));
    const staff = await signedIn(server.url, DEMO.staff);
    expect(textOf(await staff.page(`/requests/${raised[0].publicCode}`))).toContain('Reunión de vecinos de Las Flores');
    expect(
      codesOf(await staff.page('/staff/requests?source=meeting&status=new&status=acknowledged&status=in_progress&status=resolved')),
    ).toHaveLength(4);
  });
});
