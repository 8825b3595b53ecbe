import { useTranslation } from 'react-i18next';

/** Open311's media_url of a request (a photo elsewhere), as a link that passes nothing on. */
export function MediaLink({ url }: { url: string | null }) {
  const { t } = useTranslation('requests');
  if (!url) return null;
  return (
    <p>
      {t('track.mediaUrl')}:{' '}
      <a href={url} rel="noreferrer nofollow" className="pre-wrap">
        {url}
      </a>
    </p>
  );
}
