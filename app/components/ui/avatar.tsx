import { avatarColour, avatarUrl, initials } from '~/modules/people/avatars';

export type AvatarPerson = { id: string; displayName: string; status: string; avatarId?: string | null };

/** Sizes in CSS pixels (the stored picture is 256 px, sharp at 2x up to `xl`). */
const SIZES = { s: 24, m: 40, l: 64, xl: 128 } as const;

/**
 * A person's picture: the one they uploaded, or their initials on a colour of their own. It is
 * decorative (alt="") wherever their name is beside it, which is everywhere but where `label`
 * is given. Deleted accounts have none.
 */
export function Avatar({
  person,
  size = 'm',
  label,
}: {
  person: AvatarPerson | null | undefined;
  size?: keyof typeof SIZES;
  label?: string;
}) {
  if (!person || person.status === 'deleted' || !person.displayName) return null;
  const px = SIZES[size];
  if (person.avatarId) {
    return (
      <img
        className={`avatar avatar-${size}`}
        src={avatarUrl(person.id, person.avatarId)}
        alt={label ?? ''}
        width={px}
        height={px}
        loading="lazy"
        decoding="async"
      />
    );
  }
  const colour = `avatar-c${avatarColour(person.id)}`;
  return label ? (
    <span className={`avatar avatar-${size} avatar-initials ${colour}`} role="img" aria-label={label}>
      <span aria-hidden="true">{initials(person.displayName)}</span>
    </span>
  ) : (
    <span className={`avatar avatar-${size} avatar-initials ${colour}`} aria-hidden="true">
      {initials(person.displayName)}
    </span>
  );
}
