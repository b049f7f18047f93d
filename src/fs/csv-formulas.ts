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
  return true;
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
