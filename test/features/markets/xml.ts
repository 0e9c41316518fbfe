// A small XML well-formedness check for the tests (no XML parser in the
// dependencies): tags nest and close, attributes are quoted, every & starts
// an entity, and there is one root element.
export function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    if (m[0] === "<") { problems.push(`stray < at ${m.index}`); continue; }
    if (m[0].startsWith("&")) { problems.push(`bare & at ${m.index}`); continue; }
    const [, close, name, , selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name);
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
