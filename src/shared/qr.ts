// QR codes drawn on the server as inline SVG: printouts (the desk's card, job
// sheet and poster; a worker's record) carry a scannable link without scripts
// or image requests.
//
// The library is loaded on the first printout, not at start: importing it costs
// about 50 ms of CPU, which every start (and the first /healthz) paid for a
// page few requests ask for.
type Library = typeof import("qrcode");
let library: Promise<Library> | undefined;
// A CommonJS package: Node's import() gives its exports as `default`.
const load = async (): Promise<Library> => {
  const m = (await import("qrcode")) as Library & { default?: Library };
  return m.default ?? m;
};

/** An `<svg>` string for `url` (quiet zone left to the CSS margin; "M" survives a crease or a smudge). */
export async function qrSvg(url: string): Promise<string> {
  const QRCode = await (library ??= load());
  const svg = await QRCode.toString(url, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  return svg.trim();
}
