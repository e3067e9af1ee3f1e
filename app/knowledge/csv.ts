// An RFC 4180 CSV parser: comma-separated, fields optionally in double quotes, a doubled quote
// inside a quoted field is one quote, quoted fields may hold commas and line breaks; records end
// with CRLF or LF (or a lone CR); a UTF-8 byte-order mark is dropped. Strict where a spreadsheet
// would never write something (a quote inside an unquoted field, text after a closing quote),
// because guessing there silently changes a merchant's answer. Pure: the eval reuses it.

export interface CsvRecord {
  /** 1-based position among records, as a spreadsheet numbers rows (the header is row 1). */
  row: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; row: number; error: string };

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseCsv(input: string): CsvParseResult {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let row = 1;
  let i = 0;
  // At the start of a field: is it quoted?
  let fieldStart = true;
  let quoted = false;
  let closed = false; // a quoted field's closing quote was seen

  const endField = () => {
    fields.push(field);
    field = "";
    fieldStart = true;
    quoted = false;
    closed = false;
  };
  const endRecord = () => {
    endField();
    records.push({ row, fields });
    fields = [];
    row++;
  };

  while (i < text.length) {
    const ch = text[i]!;
    if (quoted && !closed) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        closed = true;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === ",") {
      endField();
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (closed) {
      return {
        ok: false,
        row,
        error: 'has text after a closing quote (a quote inside a quoted field is written twice: "")',
      };
    }
    if (ch === '"') {
      if (fieldStart) {
        quoted = true;
        fieldStart = false;
        i++;
        continue;
      }
      return {
        ok: false,
        row,
        error:
          'has a quote inside a field that does not start with one (put the field in quotes and write the quote twice: "")',
      };
    }
    fieldStart = false;
    field += ch;
    i++;
  }
  if (quoted && !closed) return { ok: false, row, error: "has a quoted field that is never closed" };
  // The last record, unless the text ended with a line break (or was empty).
  if (!fieldStart || fields.length > 0 || closed) endRecord();
  return { ok: true, records };
}

/** A record with nothing in it (an empty line, or only commas): spreadsheets leave these at the end. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === "");
}

/** Writes one CSV line (quoting only when needed), for exports and tests. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}
