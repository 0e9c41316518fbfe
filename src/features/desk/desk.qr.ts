// The desk's printouts use the shared QR drawing (src/shared/qr.ts), which the
// worker's printed record uses too.
export { qrSvg } from "../../shared/qr.ts";
