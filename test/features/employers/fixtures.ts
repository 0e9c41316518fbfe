// Employers made directly in the DB for tests, with valid identifiers.
import { employers } from "../../../db/schema/index.ts";
import { completeUscc, completeOrgCode, completeResidentId } from "../../../src/features/employers/index.ts";
import type { EmployerKind, VerificationStatus } from "../../../db/schema/constants.ts";
import { addUser, type TestApp } from "../../helpers/app.ts";

let seq = 0;
/** A distinct valid USCC per call, registered in the given county. */
export const nextUscc = (county = "411024") => completeUscc(`92${county}` + completeOrgCode(`MA${String(100000 + ++seq * 37).slice(-6)}`));
/** A distinct valid ID number per call (born 1975). */
export const nextResidentId = (county = "411024") => completeResidentId(`${county}19750${(++seq % 9) + 1}1${String(seq % 10)}${String(100 + seq).slice(-3)}`.slice(0, 17));

export async function addEmployer(
  t: TestApp,
  o: { kind?: EmployerKind; countyCode?: string; status?: VerificationStatus; name?: string; rejectReason?: string } = {},
) {
  const kind = o.kind ?? "company";
  const countyCode = o.countyCode ?? "411024";
  const user = await addUser(t, { role: "employer", name: "联系人", countyCode });
  const [row] = await t.deps.database.write((db) =>
    db
      .insert(employers)
      .values({
        userId: user.id,
        kind,
        name: o.name ?? "鄢陵县花木合作社",
        uscc: kind === "private" ? null : nextUscc(countyCode),
        idNumber: kind === "private" ? nextResidentId(countyCode) : null,
        pledgeText: kind === "private" ? "承诺" : null,
        pledgeAcceptedAt: kind === "private" ? t.clock.now() : null,
        contactName: "联系人",
        contactPhone: user.phone,
        countyCode,
        status: o.status ?? "pending",
        rejectReason: o.rejectReason ?? null,
        createdAt: t.clock.now(),
      })
      .returning({ id: employers.id }),
  );
  return { ...user, employerId: row.id };
}
