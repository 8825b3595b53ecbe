import { useTranslation } from 'react-i18next';

export type Author = { displayName: string; status: string } | null | undefined;

/**
 * The name shown for the author of a contribution. A deleted account keeps its contributions,
 * which are then shown as written by "Deleted account" (localized), never by an empty name.
 */
export function AuthorName({ author, className }: { author: Author; className?: string }) {
  const { t } = useTranslation('account');
  if (!author || author.status === 'deleted' || !author.displayName) {
    return <span className={className ? `${className} author-deleted` : 'author-deleted'}>{t('deletedAccount')}</span>;
  }
  return <span className={className}>{author.displayName}</span>;
}
