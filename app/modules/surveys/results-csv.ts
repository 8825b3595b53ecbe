import type { Question } from './questions';

/**
 * The raw answers export's question columns: one per question, named by its key, except a
 * matrix (one per row, `key.row`). Multiple choices are joined with "; ", a ranking is written
 * best first as "a > b > c", yes/no as yes | no; values are the options' stable values.
 */
export function answerColumns(questions: readonly Question[]): { header: string; cell: (answers: Record<string, unknown>) => string }[] {
  return questions.flatMap((q) => {
    if (q.kind === 'matrix')
      return (q.rows ?? []).map((row) => ({
        header: `${q.key}.${row.value}`,
        cell: (answers: Record<string, unknown>) => {
          const value = (answers[q.key] as Record<string, unknown> | undefined)?.[row.value];
          return value === undefined ? '' : String(value);
        },
      }));
    return [{ header: q.key, cell: (answers: Record<string, unknown>) => answerText(q, answers[q.key]) }];
  });
}

function answerText(q: Question, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(q.kind === 'ranking' ? ' > ' : '; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return '';
  return String(value);
}
