import { Link } from '~/components/link';

/** A list page's heading and its one call to action (file a request, record one). */
export function ListHeading({ title, action }: { title: string; action: { to: string; label: string } }) {
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link className="button" to={action.to}>
          {action.label}
        </Link>
      </p>
    </>
  );
}
