// RFC 4180 CSV for the KPI exports: fields quoted when they hold a comma, quote or line break
// (quotes doubled), CRLF between records. A text field that a spreadsheet would read as a formula
// (starting with =, +, -, @, tab or carriage return) is prefixed with a single quote, so a team or
// staff name can never run as a formula when the file is opened (OWASP "CSV injection").
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
