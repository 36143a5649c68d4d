/**
 * Lays rows out like kubectl: upper-case headers, columns padded to the widest cell, three spaces between
 * columns, no trailing spaces.
 */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const all = [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all
    .map((row) =>
      widths
        .map((width, column) => (row[column] ?? '').padEnd(width))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}
