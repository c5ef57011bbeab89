/** Markdown tables for benchmark output. */

export type Cell = string | number;

/** A GitHub-flavoured markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const numeric = headers.map((_, i) =>
    text.every((row) =>
      /^[-+]?[\d.,]+\s*(x|%|ms|s|MiB|KB|kbit\/s|fps)?$|^n\/a$/.test(row[i] ?? ''),
    ),
  );
  const widths = headers.map((h, i) =>
    Math.max(h.length, 3, ...text.map((row) => (row[i] ?? '').length)),
  );
  const pad = (cell: string, i: number) =>
    numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(headers), rule, ...text.map(line)].join('\n');
}
