/**
 * An audit entry as a sentence: which `admin:audit.sentences.*` key words it, and the values
 * the sentence needs from the entry's before/after (a status change names both statuses, a role
 * grant the role). Actions without their own sentence are worded by their verb (`*.create`,
 * `*.update`, ...), and anything else by a general sentence that names the action.
 */
export type AuditSentence = {
  key: string;
  /** Raw values (status codes, role names) the page words in the reader's language. */
  values: Record<string, string>;
  /** A person named in the change (e.g. whom a request was assigned to), resolved like targets. */
  personId?: string;
};

const OWN_SENTENCES = new Set([
  'request.status',
  'request.assign',
  'request.record',
  'request.promote',
  'request.link',
  'request.unlink',
  'request.follow-up',
  'role.grant',
  'role.revoke',
]);
const VERBS = new Set([
  'create',
  'update',
  'delete',
  'hide',
  'approve',
  'restore',
  'dismiss',
  'lock',
  'unlock',
  'pin',
  'unpin',
  'move',
  'warn',
  'suspend',
  'ban',
  'reinstate',
]);

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function describeAudit(entry: { action: string; before: unknown; after: unknown }): AuditSentence {
  const before = record(entry.before);
  const after = record(entry.after);
  const { action } = entry;
  if (action === 'request.note') return { key: after.public ? 'request.notePublic' : 'request.noteInternal', values: {} };
  if (action === 'request.assign') {
    const assigneeId = text(after.assigneeId);
    return assigneeId ? { key: 'request.assign', values: {}, personId: assigneeId } : { key: 'request.unassign', values: {} };
  }
  if (OWN_SENTENCES.has(action)) {
    return {
      key: action,
      values: { from: text(before.status), to: text(after.status), role: text(after.role) || text(before.role) },
    };
  }
  const verb = action.slice(action.lastIndexOf('.') + 1);
  if (VERBS.has(verb)) return { key: `verb.${verb}`, values: {} };
  return { key: 'other', values: { action } };
}
