import { db } from '~/lib/db.server';

/**
 * The community calendar's filter (`?neighborhood=<slug>`): null when it names no neighborhood
 * (the page and feed then answer 404 rather than a calendar of nothing).
 */
export async function calendarFilter(request: Request): Promise<{ neighborhood: { id: string; slug: string } | null } | null> {
  const slug = new URL(request.url).searchParams.get('neighborhood');
  if (!slug) return { neighborhood: null };
  if (slug.length > 80) return null;
  const neighborhood = await db().neighborhood.findUnique({ where: { slug }, select: { id: true, slug: true } });
  return neighborhood ? { neighborhood } : null;
}
