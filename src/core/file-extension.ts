/** A file's extension as its name ends (`notes/Plan.MD` → `md`), lower case; empty for none or a dotfile (`.env`). `/` and `\` both end a folder. */
export function extensionOf(path: string): string {
  const name = path.split(/[\\/]/u).pop() ?? path;
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}
