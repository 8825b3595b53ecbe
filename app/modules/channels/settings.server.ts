import type { z } from 'zod';
import { transaction } from '~/lib/db.server';
import { formError } from '~/lib/forms';
import { audit } from '~/modules/audit/audit.server';
import { can } from '~/modules/identity/policy';
import type { SessionUser } from '~/modules/identity/session.server';
import type { ChannelSettingsSchema } from './schemas';

/** Staff create city-wide topic channels and edit any channel's name, description and rules. */
type Input = z.infer<typeof ChannelSettingsSchema>;

function data(input: Input) {
  const description = input.descriptionEn || input.descriptionEs ? { en: input.descriptionEn ?? '', es: input.descriptionEs ?? '' } : null;
  return {
    name: { en: input.nameEn, es: input.nameEs },
    description,
    visibility: input.visibility,
    holdFirstPosts: input.holdFirstPosts,
  };
}

export async function saveChannel(actor: SessionUser & { requestId?: string }, id: string | null, input: Input) {
  if (!can(actor, 'manage:channel')) return { ok: false as const, reason: 'forbidden' as const };
  return transaction(async (tx) => {
    if (id) {
      const before = await tx.channel.findUnique({ where: { id } });
      if (!before) return { ok: false as const, reason: 'notFound' as const };
      // A neighborhood's channel stays public; its name follows the neighborhood's.
      const values = before.kind === 'neighborhood' ? { ...data(input), visibility: 'public' } : data(input);
      const after = await tx.channel.update({ where: { id }, data: { ...values, description: values.description ?? (null as never) } as never });
      await audit(tx, { actorId: actor.id, action: 'channel.update', targetKind: 'channel', targetId: id, before, after, requestId: actor.requestId });
      return { ok: true as const, slug: after.slug };
    }
    const slug = `t-${input.slug}`;
    if (await tx.channel.findUnique({ where: { slug } })) return formError('slug', 'admin:errors.slugTaken', input as unknown as Record<string, string>);
    const values = data(input);
    const created = await tx.channel.create({ data: { ...values, description: values.description ?? undefined, slug, kind: 'topic' } as never });
    await audit(tx, { actorId: actor.id, action: 'channel.create', targetKind: 'channel', targetId: created.id, after: created, requestId: actor.requestId });
    return { ok: true as const, slug: created.slug };
  });
}
