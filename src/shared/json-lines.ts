// Where each value of a JSON text is, by line: so a mistake in a file a clerk
// wrote (the region file) can be reported as "第 12 行" rather than as a path
// of keys. A small scanner over already-valid JSON (JSON.parse ran first); it
// only needs to find the start of each value.

/** Line (1-based) of each value, keyed by its dotted path ("counties.0.code"; "" for the root). */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === "\n") line++;
      i++;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    lines.set(path, line);
    const ch = text[i];
    const at = (k: string | number) => (path === "" ? String(k) : `${path}.${k}`);
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        const key = str();
        ws();
        i++; // colon
        value(at(key));
        ws();
        if (text[i++] === "}") return;
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (let n = 0; ; n++) {
        value(at(n));
        ws();
        if (text[i++] === "]") return;
      }
    }
    if (ch === '"') return void str();
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++; // number, true, false, null
  };
  value("");
  return lines;
}

/** Line (1-based) of a character offset. */
export const lineAt = (text: string, offset: number) => text.slice(0, Math.max(0, offset)).split("\n").length;
