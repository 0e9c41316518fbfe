// Rules about employers (雇主), free of HTTP and the DB.
import { businessEmployerKinds, type EmployerKind, type VerificationStatus } from "../../../db/schema/constants.ts";

/** Businesses prove who they are with a USCC (统一社会信用代码); private employers with an ID number. */
export function identityFor(kind: EmployerKind): "uscc" | "idNumber" {
  return (businessEmployerKinds as readonly string[]).includes(kind) ? "uscc" : "idNumber";
}

/** Only private employers sign the 用工承诺书: a business is already answerable through its licence. */
export const needsPledge = (kind: EmployerKind) => kind === "private";

/** Postings of an employer go public only once staff have verified it. */
export const isVerified = (e: { status: VerificationStatus } | null | undefined) => e?.status === "verified";

/** The employer may change their own details until verified; a verified record changes only through staff. */
export const canEditOwnDetails = (status: VerificationStatus) => status !== "verified";

export type Decision = "verify" | "reject";

/**
 * The status a staff decision leads to, or null when the decision does not
 * apply (someone else decided first, or a rejected employer has not resubmitted).
 * Rejecting a verified employer revokes the verification (e.g. after wage theft).
 */
export function decide(current: VerificationStatus, decision: Decision): VerificationStatus | null {
  if (decision === "verify") return current === "pending" ? "verified" : null;
  return current === "pending" || current === "verified" ? "rejected" : null;
}


/**
 * Which field a UNIQUE violation is about, from the SQLite message
 * ("UNIQUE constraint failed: employers.uscc"); null if it is not one of ours.
 */
export function duplicateField(message: string): "phone" | "uscc" | "idNumber" | null {
  if (!/UNIQUE constraint failed/i.test(message)) return null;
  if (/users\.phone/.test(message)) return "phone";
  if (/employers\.uscc/.test(message)) return "uscc";
  if (/employers\.id_number/.test(message)) return "idNumber";
  if (/employers\.user_id/.test(message)) return "phone";
  return null;
}

/** Page number from a query string; anything odd is page 1. */
export const pageNumber = (raw: string | string[] | undefined) => {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
};

// Check characters, for making valid identifiers (demo data, test fixtures,
// and staff typing a code from a licence that lost its last character).
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ORG_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** GB 11714 organisation code: 8 characters + check character (positions 9–17 of a USCC). */
export function completeOrgCode(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(body8[i]) * w[i];
  const c = 11 - (sum % 11);
  return body8 + (c === 10 ? "X" : c === 11 ? "0" : String(c));
}

/** GB 32100 unified social credit code: 17 characters + MOD 31 check character. */
export function completeUscc(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(body17[i]) * 3 ** i % 31;
  return body17 + USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11643 resident ID number: 17 digits + MOD 11-2 check character. */
export function completeResidentId(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * w[i];
  return body17 + "10X98765432"[sum % 11];
}
