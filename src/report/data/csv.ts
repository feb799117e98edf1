// RFC 4180 CSV cells and rows: a cell with a comma, quote, CR or LF is quoted, quotes doubled; rows end in CRLF.
// Owns quoting only. Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas (OWASP CSV injection).

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRows(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}
