import type { HTMLAttributes, ReactNode } from 'react';
import { TableScroller } from './table-scroller';
import { EmptyState } from './empty-state';

/**
 * One column of a DataTable: its header and how a row fills its cell. `rowHeader` makes the cell
 * the row's header (`<th scope="row">`, what screen readers announce for the row); a header that
 * only makes sense visually empty (a column of edit links) is `headerHidden`.
 */
export type Column<Row> = {
  key: string;
  header: ReactNode;
  headerHidden?: boolean;
  rowHeader?: boolean;
  className?: string;
  /** The column the rows are sorted by, and which way (aria-sort on its header). */
  sort?: 'ascending' | 'descending';
  cell: (row: Row) => ReactNode;
};

/**
 * The one table of the app: a caption (or the heading that names it), column headers, one row
 * per item, inside the scroller that lets wide tables scroll sideways on phones. With no rows,
 * the `empty` text takes the table's place. A restyle of every list happens here.
 */
export function DataTable<Row>({
  caption,
  captionHidden,
  labelledBy,
  columns,
  rows,
  rowKey,
  rowProps,
  empty,
  dense = false,
}: {
  /** What the table lists; shown above it, or only to screen readers with `captionHidden`. */
  caption?: ReactNode;
  captionHidden?: boolean;
  /** The id of a heading that names the table, instead of a caption. */
  labelledBy?: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** A work queue's table: compact rows, and a header that stays in view while its own box scrolls. */
  dense?: boolean;
}) {
  if (rows.length === 0 && empty) return <EmptyState title={empty} />;
  return (
    <TableScroller className={dense ? 'table-wrap-dense' : undefined}>
      <table aria-labelledby={labelledBy} className={dense ? 'table-dense' : undefined}>
        {caption ? <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key} className={c.className} aria-sort={c.sort}>
                {c.headerHidden ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" key={c.key} className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={c.className}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
