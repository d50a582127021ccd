// CSV out of Plixo (exports, reject logs, templates), safe to open in a spreadsheet. A cell
// that starts with =, +, -, @, a tab or a carriage return is a formula to Excel, LibreOffice
// and Google Sheets ("=HYPERLINK(…)" in a customer name is an attack), so it gets a leading
// apostrophe, which spreadsheets show as text (OWASP's advice). A plain number such as -12.50
// cannot be a formula and is left alone, so amounts stay numbers.

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(?:\.\d+)?$/;

/** One cell, neutralised and quoted when it needs to be. */
export function formatCsvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of CSV, ending in CRLF as RFC 4180 says. */
export function formatCsvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(formatCsvCell).join(',')}\r\n`;
}
