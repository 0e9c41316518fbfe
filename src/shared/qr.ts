// QR codes drawn on the server as inline SVG: printouts (the desk's card, job
// sheet and poster; a worker's record) carry a scannable link without scripts
// or image requests.
import QRCode from "qrcode";

/** An `<svg>` string for `url` (quiet zone left to the CSS margin; "M" survives a crease or a smudge). */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", margin: 0, errorCorrectionLevel: "M" });
  return svg.trim();
}
