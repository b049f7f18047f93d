/**
 * Formulas in a CSV or TSV file: a spreadsheet that opens it evaluates a cell that starts with `=`, `+`, `-` or `@`
 * (or a tab or carriage return before them), and a formula can fetch (`WEBSERVICE`, `IMPORTXML`, `HYPERLINK`) or run
 * a program (DDE), as OWASP's CSV-injection guidance describes. The file is parsed as RFC 4180 does (quoted fields,
 * doubled quotes, separators and line breaks inside quotes); since a spreadsheet guesses the separator, every usual
 * one (`,` `;` tab `|`) is tried, and a cell is a formula under any of them. Plain numbers (`-12.5`, `+3e4`) and
 * phone numbers (`+49 30 1234`) are values. Never throws.
 */

const separators = [",", ";", "\t", "|"] as const;
const maxCells = 200_000;

/** Each formula cell of the text, once (its text, clipped). */
export function csvFormulas(text: string): string[] {
  const found = new Set<string>();
  for (const sep of separators) for (const cell of cells(text, sep)) if (isFormula(cell)) found.add(cell.length > 80 ? `${cell.slice(0, 77)}…` : cell);
  return [...found];
}

function isFormula(cell: string): boolean {
  const start = cell.replace(/^[ ]+/, "");
  if (!/^[=+\-@\t\r]/.test(start)) return false;
  const value = start.trim();
  if (/^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?%?$/i.test(value)) return false;
  if (/^\+[\d ()./-]{4,}$/.test(value)) return false;
  if (/^-+$/.test(value)) return false;
  return !inertFormula(value);
}

/**
 * Spreadsheet functions that compute from cells and literals and reach nothing: a total row (`=SUM(B2:B4)`) is what
 * a budget is for. The functions that load a URL when the sheet opens (`IMAGE`, `WEBSERVICE`, `IMPORTXML`, …) are
 * judged by the document autoload rule, which knows the URLs the owner typed; they count here as reaching nothing more.
 */
const inertFunctions = new Set(["SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "AVERAGE", "AVERAGEIF", "AVERAGEIFS", "MEDIAN", "MIN",
  "MAX", "COUNT", "COUNTA", "COUNTIF", "COUNTIFS", "COUNTBLANK", "PRODUCT", "ROUND", "ROUNDUP", "ROUNDDOWN", "INT", "MOD",
  "ABS", "POWER", "SQRT", "IF", "IFS", "IFERROR", "AND", "OR", "NOT", "TRUE", "FALSE", "LEN", "LEFT", "RIGHT", "MID",
  "UPPER", "LOWER", "TRIM", "TEXT", "VALUE", "CONCAT", "CONCATENATE", "TEXTJOIN", "DATE", "TODAY", "NOW", "YEAR", "MONTH",
  "DAY", "WEEKDAY", "EDATE", "EOMONTH", "NETWORKDAYS", "VLOOKUP", "HLOOKUP", "XLOOKUP", "INDEX", "MATCH", "PMT", "FV",
  "PV", "NPV", "IRR", "RATE", "STDEV", "VAR", "PERCENTILE", "RANK", "CEILING", "FLOOR", "ROW", "COLUMN",
  "IMAGE", "WEBSERVICE", "IMPORTXML", "IMPORTDATA", "IMPORTHTML", "IMPORTFEED", "IMPORTRANGE"]);

/**
 * A formula made of cell references, numbers, quoted literals, operators and inert functions only. A pipe or a bang
 * outside quotes (DDE: `=cmd|' /C calc'!A0`), an unknown function (`HYPERLINK`, `CALL`, `REGISTER`, a macro) or an
 * `@` call are not inert.
 */
function inertFormula(value: string): boolean {
  if (!value.startsWith("=")) return false;
  // Quoted literals and other sheets' cells (`Sheet2!B4`) are data; what is left is the formula's own syntax.
  const unquoted = value.slice(1).replace(/"(?:[^"]|"")*"/g, '""').replace(/\b[A-Za-z_][\w.]*!\$?[A-Z]{1,3}\$?\d+/g, "A1");
  if (/[|!@]/.test(unquoted)) return false;
  const names = [...unquoted.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)].map((m) => (m[1] ?? "").toUpperCase());
  return names.every((n) => inertFunctions.has(n)) && /^[\w\s$:.,;+\-*/^&%<>=()"]*$/.test(unquoted);
}

/** The cells of `text` split by `sep` with RFC 4180 quoting (a quote opens a field only at its start). */
function cells(text: string, sep: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= text.length && out.length < maxCells) {
    let value = "";
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      // Anything after the closing quote up to the separator belongs to the cell (as spreadsheets read it).
      while (i < text.length && text[i] !== sep && text[i] !== "\n") value += text[i++];
    } else {
      while (i < text.length && text[i] !== sep && text[i] !== "\n") value += text[i++];
    }
    out.push(value.replace(/\r$/, ""));
    if (i >= text.length) break;
    i++;
  }
  return out;
}
