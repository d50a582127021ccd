// A Markdown table of docs/benchmarks.md; a cell's own "|" is escaped so it cannot split a column.

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The "Reproduce:" block closing a report section: the commands that measured it, as shell. */
export function reproduceLines(commands: readonly string[]): string[] {
  return ['Reproduce:', '', '```sh', ...commands, '```', ''];
}
