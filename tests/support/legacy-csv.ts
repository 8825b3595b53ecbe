/**
 * Generated legacy CSV files for import tests and the benchmark: `count` valid cases spread over
 * types, sources, statuses and neighborhoods of the demo city, with original timestamps.
 */
const TYPES = ['Pothole', 'Graffiti', 'Bache', 'street-light-out', 'Illegal dumping', 'Noise', 'Water leak', 'Tree trimming'];
const SOURCES = ['Phone', 'Walk-in', 'Online', 'E-mail', 'Voicemail', 'Teléfono'];
const HOODS = ['Riverside', 'Las Flores', 'Old Town', 'Northgate Heights', 'La Ribera'];

export function legacyCsv(count: number, prefix = 'GEN'): string {
  const lines = [
    'Case #,Category,Details,Status,Received Via,Date Opened,Date Acknowledged,Date Resolved,Date Closed,Address,District,Caller Name,Caller Phone',
  ];
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < count; i++) {
    const opened = new Date(start + i * 3_600_000 * 7);
    const at = (hours: number) => new Date(opened.getTime() + hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const state = i % 4; // open, acknowledged, resolved, closed
    lines.push(
      [
        `${prefix}-${String(i + 1).padStart(6, '0')}`,
        TYPES[i % TYPES.length],
        `"Case ${i + 1}, reported by a resident; descripción ${i % 7}"`,
        ['Open', 'Acknowledged', 'Resolved', 'Closed'][state],
        SOURCES[i % SOURCES.length],
        at(0),
        state >= 1 ? at(2) : '',
        state >= 2 ? at(30) : '',
        state === 3 ? at(40) : '',
        `${100 + (i % 900)} Main Street`,
        HOODS[i % HOODS.length],
        i % 3 === 0 ? `Resident ${i}` : '',
        i % 3 === 0 ? `555-010-${String(i % 10000).padStart(4, '0')}` : '',
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
