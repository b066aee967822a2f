// CSV cells: RFC 4180 quoting, and text a spreadsheet would run as a formula.
import { describe, expect, test } from 'vitest';
import { csvCell, csvLine } from '../../demo/collector/csv.js';

describe('csvCell', () => {
  test.each([
    ['plain text', '"plain text"'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rinside', '"cr\rinside"'],
    ['', '""'],
  ])('quotes every text cell: %j → %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  test('a cell with ; stays one quoted cell for spreadsheets that split on ; (ok;=2+5;)', () => {
    expect(csvCell('ok;=2+5;')).toBe('"ok;=2+5;"');
  });

  test.each([
    ['=1+1', `"'=1+1"`],
    ['+49 is my score', `"'+49 is my score"`],
    ['-5 stars', `"'-5 stars"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\tcmd', `"'\tcmd"`],
    ['=A1,"x"', `"'=A1,""x"""`],
    [' =1+1', `"' =1+1"`],
    ['\u00a0=1+1', `"'\u00a0=1+1"`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\r\n+1', `"'\r\n+1"`],
    ['\uff1d1+1', `"'\uff1d1+1"`],
    ['\uff0b1', `"'\uff0b1"`],
    ['\uff0d1', `"'\uff0d1"`],
    ['\uff20SUM(A1)', `"'\uff20SUM(A1)"`],
  ])('neutralises a formula, also after leading space, NBSP, CR/LF and in full width: %j → %j', (value, cell) =>
    expect(csvCell(value)).toBe(cell),
  );

  test('leaves numbers and absent values alone', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(undefined)).toBe('');
  });
});

test('csvLine joins cells with commas and ends in CRLF', () => {
  expect(csvLine(['a', 1, undefined, 'b,c'])).toBe('"a",1,,"b,c"\r\n');
});
