import type { z } from 'zod';
import type { Caller } from '~/lib/caller.server';
import { transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { can } from '~/modules/identity/policy';
import type { ChannelSettingsSchema } from './schemas';

/** Staff create city-wide topic channels and edit any channel's name, description and rules. */
type Input = z.output<typeof ChannelSettingsSchema>;

function data(input: Input) {
  return {
    name: input.name,
    description: Object.keys(input.description).length ? input.description : null,
    visibility: input.visibility,
    holdFirstPosts: input.holdFirstPosts,
  };
}

export async function saveChannel(caller: Caller, id: string | null, input: Input): Promise<Result<{ slug: string }>> {
  const actor = caller.user;
  if (!actor || !can(actor, 'manage:channel')) return fail.forbidden();
  return transaction(async (tx) => {
    if (id) {
      const before = await tx.channel.findUnique({ where: { id } });
      if (!before) return fail.notFound();
      // A neighborhood's channel stays public; its name follows the neighborhood's.
      const values = before.kind === 'neighborhood' ? { ...data(input), visibility: 'public' } : data(input);
      const after = await tx.channel.update({
        where: { id },
        data: { ...values, description: values.description ?? (null as never) } as never,
      });
      await audit(tx, {
        actorId: actor.id,
        action: 'channel.update',
        targetKind: 'channel',
        targetId: id,
        before,
        after,
        requestId: caller.requestId,
      });
      return ok({ slug: after.slug });
    }
    const slug = `t-${input.slug}`;
    if (await tx.channel.findUnique({ where: { slug } })) return fail.invalid({ slug: 'admin:errors.slugTaken' });
    const values = data(input);
    const created = await tx.channel.create({
      data: { ...values, description: values.description ?? undefined, slug, kind: 'topic' } as never,
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'channel.create',
      targetKind: 'channel',
      targetId: created.id,
      after: created,
      requestId: caller.requestId,
    });
    return ok({ slug: created.slug });
  });
}
