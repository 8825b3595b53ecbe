import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';

export type Author = { id?: string; displayName: string; status: string } | null | undefined;

/**
 * The name shown for the author of a contribution, linked to their public profile when the
 * account is active and its id is known (closed accounts have no profile). A deleted account
 * keeps its contributions, which are then shown as written by "Deleted account" (localized),
 * never by an empty name, and never linked. `linked={false}` inside another link (no link in a link).
 */
export function AuthorName({ author, className, linked = true }: { author: Author; className?: string; linked?: boolean }) {
  const { t } = useTranslation('account');
  if (!author || author.status === 'deleted' || !author.displayName) {
    return <span className={className ? `${className} author-deleted` : 'author-deleted'}>{t('deletedAccount')}</span>;
  }
  if (linked && author.id && author.status === 'active') {
    return (
      <Link className={className} to={`/people/${author.id}`}>
        {author.displayName}
      </Link>
    );
  }
  return <span className={className}>{author.displayName}</span>;
}
