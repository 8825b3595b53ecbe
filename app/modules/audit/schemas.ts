import { z } from 'zod';
import { msg, optionalText } from '~/lib/forms';
import { isIsoDate } from '~/lib/time';

const day = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().refine(isIsoDate, msg('admin:errors.date')).optional(),
  );

/** The filters a shared audit URL keeps (the page's "before" cursor is added by its links). */
export const AUDIT_FILTER_KEYS = ['action', 'actor', 'targetKind', 'from', 'to'] as const;

/** The audit log's filters, read from the query string (GET form, shareable URLs). */
export const AuditFilterSchema = z
  .object({
    action: optionalText(60),
    actor: optionalText(254),
    targetKind: optionalText(40),
    from: day(),
    to: day(),
    before: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(2_147_483_647).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: msg('admin:errors.dateOrder') });
