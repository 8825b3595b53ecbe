import { msg } from '~/lib/forms';
import type { LocalizedText } from '~/lib/i18n';
import { foldText } from '~/lib/text';
import { normalizeAddress } from './address';

/**
 * Checking an uploaded census (address list), already read by the legacy import's CSV reader
 * (requests/legacy-import/csv.server.ts: encoding, separator, headers): one column of addresses
 * and one of neighborhoods (by slug or name, in any language). Every line that cannot be stored
 * is reported (line, problem, value), as the legacy import reports its rows; one problem and
 * nothing is stored.
 */
export type CensusNeighborhood = { id: string; slug: string; name: LocalizedText };
export type CensusRow = { line: number; address: string; normalized: string; neighborhoodId: string };
export type CensusProblem = { line: number; problem: string; value?: string };
export type CensusCheck = { rows: CensusRow[]; problems: CensusProblem[] };

/** Longest address kept (a postal address with its unit fits easily). */
export const ADDRESS_MAX = 200;
/** Lines reported at most: past these the file is plainly not an address list. */
export const PROBLEMS_MAX = 200;

/** Header spellings, folded to letters only (lower case, no accents). */
const ADDRESS_HEADERS = new Set(['address', 'streetaddress', 'direccion', 'domicilio']);
const NEIGHBORHOOD_HEADERS = new Set(['neighborhood', 'neighbourhood', 'neighborhoodslug', 'barrio', 'vecindario', 'colonia']);
const headerKey = (header: string) => foldText(header).replace(/[^a-z]/g, '');

/** The first data line is line 2: the header is line 1, as a spreadsheet numbers them. */
const lineOf = (index: number) => index + 2;
const P = (key: string, values?: Record<string, unknown>) => msg(`eligibility:census.problems.${key}`, values);

/** Neighborhoods by folded slug and by every folded name. */
function neighborhoodIndex(neighborhoods: CensusNeighborhood[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const n of neighborhoods) {
    index.set(foldText(n.slug), n.id);
    for (const name of Object.values(n.name ?? {})) if (typeof name === 'string' && name.trim()) index.set(foldText(name.trim()), n.id);
  }
  return index;
}

export function checkCensus(file: { headers: string[]; rows: string[][] }, neighborhoods: CensusNeighborhood[]): CensusCheck {
  const keys = file.headers.map(headerKey);
  const addressAt = keys.findIndex((k) => ADDRESS_HEADERS.has(k));
  const neighborhoodAt = keys.findIndex((k) => NEIGHBORHOOD_HEADERS.has(k));
  if (addressAt < 0 || neighborhoodAt < 0) return { rows: [], problems: [{ line: 1, problem: P('headers') }] };
  const places = neighborhoodIndex(neighborhoods);
  const rows: CensusRow[] = [];
  const problems: CensusProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const [index, cells] of file.rows.entries()) {
    if (problems.length >= PROBLEMS_MAX) break;
    const line = lineOf(index);
    const address = (cells[addressAt] ?? '').trim().replace(/\s+/g, ' ');
    const place = (cells[neighborhoodAt] ?? '').trim();
    const normalized = normalizeAddress(address);
    const neighborhoodId = places.get(foldText(place));
    if (!normalized) problems.push({ line, problem: P('noAddress') });
    else if (address.length > ADDRESS_MAX)
      problems.push({ line, problem: P('tooLong', { max: ADDRESS_MAX }), value: address.slice(0, 40) });
    if (!place) problems.push({ line, problem: P('noNeighborhood') });
    else if (!neighborhoodId) problems.push({ line, problem: P('unknownNeighborhood'), value: place });
    if (!normalized || !neighborhoodId || address.length > ADDRESS_MAX) continue;
    const seen = firstLine.get(normalized);
    if (seen !== undefined) {
      problems.push({ line, problem: P('duplicate', { line: seen }), value: address });
      continue;
    }
    firstLine.set(normalized, line);
    rows.push({ line, address, normalized, neighborhoodId });
  }
  return { rows, problems };
}
