import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '~/modules/identity/policy';
import { allowedTransitions, canReopen, isOverdue } from '~/modules/requests/lifecycle';
import { queueFilterFromUrl, queueQuery } from '~/modules/requests/queue/queue.server';
import { handleRequestSchema } from '~/modules/requests/handling/handling-schemas';
import { handledDepartments } from '~/modules/requests/policy';

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
const open = (status: string) => ({ status, resolvedAt: null, closedAt: null });

describe('service-request lifecycle', () => {
  it('moves forward among the open states, to duplicate or declined, and closes resolved requests', () => {
    expect(allowedTransitions(open('new'), 30, now)).toEqual(['acknowledged', 'in_progress', 'resolved', 'duplicate', 'declined']);
    expect(allowedTransitions(open('acknowledged'), 30, now)).toEqual(['in_progress', 'resolved', 'duplicate', 'declined']);
    expect(allowedTransitions(open('in_progress'), 30, now)).toEqual(['resolved', 'duplicate', 'declined']);
    expect(allowedTransitions(open('duplicate'), 30, now)).toEqual([]);
    expect(allowedTransitions(open('declined'), 30, now)).toEqual([]);
    expect(allowedTransitions(open('bogus'), 30, now)).toEqual([]);
  });

  it('reopens resolved and closed requests within the window only', () => {
    expect(allowedTransitions({ status: 'resolved', resolvedAt: at(29), closedAt: null }, 30, now)).toEqual(['closed', 'in_progress']);
    expect(allowedTransitions({ status: 'resolved', resolvedAt: at(31), closedAt: null }, 30, now)).toEqual(['closed']);
    expect(allowedTransitions({ status: 'closed', resolvedAt: at(10), closedAt: at(1) }, 30, now)).toEqual(['in_progress']);
    expect(allowedTransitions({ status: 'closed', resolvedAt: null, closedAt: at(2) }, 1, now)).toEqual([]);
    expect(canReopen({ status: 'resolved', resolvedAt: at(0.5), closedAt: null }, 0, now)).toBe(false);
    expect(canReopen({ status: 'declined', resolvedAt: null, closedAt: at(0) }, 30, now)).toBe(false);
  });

  it('counts open requests past their due date as overdue', () => {
    expect(isOverdue({ status: 'new', dueAt: at(1) }, now)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueAt: at(-1) }, now)).toBe(false);
    expect(isOverdue({ status: 'resolved', dueAt: at(5) }, now)).toBe(false);
  });

  it('asks for a resolution, a reason or the original request when the status needs one', () => {
    const errors = (v: Record<string, string>) => {
      const r = handleRequestSchema().safeParse({ intent: 'status', ...v });
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(errors({ status: 'resolved' })).toEqual(['resolution']);
    expect(errors({ status: 'resolved', resolution: '  ' })).toEqual(['resolution']);
    expect(errors({ status: 'declined' })).toEqual(['reason']);
    expect(errors({ status: 'duplicate' })).toEqual(['duplicateOf']);
    expect(errors({ status: 'duplicate', duplicateOf: 'not a code' })).toEqual(['duplicateOf']);
    expect(errors({ status: 'new' })).toEqual(['status']);
    expect(errors({ status: 'acknowledged', note: 'ok', notePublic: 'on' })).toEqual([]);
  });
});

describe('staff queue', () => {
  const person = (grants: Grant[], status = 'active'): Actor => ({ id: 'u', status, grants });
  it('gives admins and staff every department, liaisons their own, others none', () => {
    expect(handledDepartments(person([{ role: 'admin', scopeKind: null, scopeId: null }]))).toBe('all');
    expect(handledDepartments(person([{ role: 'staff', scopeKind: null, scopeId: null }]))).toBe('all');
    expect(
      handledDepartments(
        person([
          { role: 'liaison', scopeKind: 'department', scopeId: 'works' },
          { role: 'liaison', scopeKind: 'department', scopeId: 'parks' },
        ]),
      ),
    ).toEqual(['works', 'parks']);
    expect(handledDepartments(person([{ role: 'liaison', scopeKind: 'department', scopeId: 'works' }], 'suspended'))).toBeNull();
    expect(handledDepartments(person([{ role: 'moderator', scopeKind: 'channel', scopeId: 'c' }]))).toBeNull();
    expect(handledDepartments(null)).toBeNull();
  });

  it('reads filters from the query string and writes them back', () => {
    const filter = queueFilterFromUrl(
      new URL('http://x/staff/requests?status=new&status=resolved&priority=high&assignee=me&overdue=1&sort=due&type='),
    )!;
    expect(filter).toMatchObject({
      status: ['new', 'resolved'],
      priority: 'high',
      assignee: 'me',
      overdue: true,
      sort: 'due',
      type: undefined,
    });
    expect(queueQuery(filter)).toBe('priority=high&assignee=me&status=new&status=resolved&overdue=1&sort=due');
    expect(queueFilterFromUrl(new URL('http://x/?status=open'))).toBeNull();
    expect(queueFilterFromUrl(new URL('http://x/?priority=extreme'))).toBeNull();
    expect(queueFilterFromUrl(new URL('http://x/'))).toMatchObject({ status: [], sort: 'newest', overdue: false });
  });
});
