import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';
import { localized } from '~/lib/i18n';
import type { RoleBadge } from '../badges';

/** A badge's words in the reader's language: "Staff", "Public Works", "Moderator · Riverside". */
function useBadgeLabel() {
  const { t, i18n } = useTranslation('people');
  const lng = i18n.language;
  return (badge: RoleBadge) => {
    if (badge.kind === 'staff') return t('badges.staff');
    if (badge.kind === 'department') return localized(badge.name, lng).text;
    const role = t(`badges.${badge.kind}`);
    const place = badge.kind === 'moderator' ? (badge.place ? localized(badge.place, lng).text : null) : badge.place;
    return place ? t('badges.roleIn', { role, place }) : role;
  };
}

/** The system's badges beside a person's name (none: nothing rendered). */
export function RoleBadges({ badges }: { badges: RoleBadge[] | undefined }) {
  const label = useBadgeLabel();
  if (!badges?.length) return null;
  return (
    <span className="role-badges">
      {badges.map((badge, i) => (
        <Badge key={i} tone={`role-${badge.kind}`}>
          {label(badge)}
        </Badge>
      ))}
    </span>
  );
}
