import { stringify } from 'csv-stringify';

type Row<K extends string> = Record<K, string | number>;

/**
 * A CSV download, streamed as the rows come: the header row in the reader's language, a BOM so
 * spreadsheets read UTF-8, and cells a spreadsheet would run as a formula escaped (values come
 * from residents and uploaded files). Never cached.
 */
export function csvDownload<K extends string>(
  fileName: string,
  columns: { key: K; header: string }[],
  rows: AsyncIterable<Row<K>> | Iterable<Row<K>>,
): Response {
  const csv = stringify({ header: true, columns, escape_formulas: true, bom: true });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      csv.on('data', (chunk: Buffer | string) =>
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk)),
      );
      const done = new Promise<void>((resolve, reject) => {
        csv.on('end', resolve);
        csv.on('error', reject);
      });
      try {
        for await (const row of rows) csv.write(row);
        csv.end();
        await done;
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
