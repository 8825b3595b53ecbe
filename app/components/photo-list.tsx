/**
 * Photos as a grid of lazily loaded pictures, each a link to the full file; width and height keep
 * the page from moving as they load. `href` is where a photo is served, `alt` its text.
 */
export function PhotoList({
  photos,
  href,
  alt,
}: {
  photos: { id: string; width: number | null; height: number | null }[];
  href: (id: string) => string;
  alt: (index: number) => string;
}) {
  return (
    <ul className="photo-list">
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={href(p.id)}>
            <img src={href(p.id)} alt={alt(i)} width={p.width ?? undefined} height={p.height ?? undefined} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
