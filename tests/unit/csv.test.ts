// The RFC 4180 parser the CSV import (and the answers eval) read files with.
import { describe, expect, it } from "vitest";
import { csvLine, isBlankRecord, parseCsv } from "../../app/knowledge/csv";

function fields(text: string) {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`Row ${result.row}: ${result.error}`);
  return result.records.map((r) => r.fields);
}

describe("parseCsv", () => {
  it("GIVEN plain rows WHEN parsed THEN each line is a record of its comma-separated fields", () => {
    expect(fields("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("GIVEN CRLF line ends and no final line break WHEN parsed THEN the records are the same as with LF", () => {
    expect(fields("a,b\r\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("GIVEN a UTF-8 byte-order mark WHEN parsed THEN the first header name has no BOM", () => {
    expect(fields("\uFEFFquestion,answer\nq,a")[0]).toEqual(["question", "answer"]);
  });

  it("GIVEN quoted fields with commas, doubled quotes and line breaks WHEN parsed THEN they are kept inside the field", () => {
    const text = 'q,a\n"Do you ship, to Spain?","Yes, we say ""sí"".\r\nLine two."\n';
    expect(fields(text)).toEqual([
      ["q", "a"],
      ["Do you ship, to Spain?", 'Yes, we say "sí".\r\nLine two.'],
    ]);
  });

  it("GIVEN a quoted field spanning lines WHEN parsed THEN the rows are numbered as a spreadsheet shows them", () => {
    const result = parseCsv('h\n"one\ntwo"\nthree\n');
    expect(result.ok && result.records.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it("GIVEN empty fields and an empty quoted field WHEN parsed THEN they are empty strings", () => {
    expect(fields('a,,""\n,x,\n')).toEqual([
      ["a", "", ""],
      ["", "x", ""],
    ]);
  });

  it("GIVEN blank lines WHEN parsed THEN they are blank records the importer can skip", () => {
    const result = parseCsv("a\n\n,\n");
    expect(result.ok && result.records.map(isBlankRecord)).toEqual([false, true, true]);
  });

  it("GIVEN a quote that is never closed WHEN parsed THEN the error names the row it started on", () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({
      ok: false,
      row: 2,
      error: "has a quoted field that is never closed",
    });
  });

  it("GIVEN a quote inside an unquoted field or text after a closing quote WHEN parsed THEN it is refused, not guessed", () => {
    const inside = parseCsv('a\n5" screen\n');
    expect(inside.ok === false && inside.row).toBe(2);
    const after = parseCsv('a\n"x"y\n');
    expect(after.ok === false && after.error).toMatch(/after a closing quote/);
  });

  it("GIVEN fields with special characters WHEN written with csvLine and parsed back THEN they round-trip", () => {
    const row = ["plain", 'quote "x"', "comma, here", "line\nbreak", ""];
    expect(fields(csvLine(row))).toEqual([row]);
  });
});
