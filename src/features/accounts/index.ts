// Accounts: sign-in, sessions, first-run setup, staff account admin.
export { accountsRoutes, clientAddress } from "./accounts.routes.tsx";
export { setupLinkIfNeeded, newSetupLink, SetupClosed } from "./setup.ts";
export { findUserByPhone, insertUser, type NewUser } from "./accounts.repo.ts";
// The station desk acts on an account only through these (login holds, a vouched phone, a new PIN).
export { lockOf, clearLock, vouchPhoneStmt, resetPinStatements } from "./accounts.desk.ts";
export { creatableRoles, checkNewAccountScope, canManageAccount, secretKind } from "./accounts.domain.ts";

import type { Feature } from "../../shared/feature.ts";
import { accountsRoutes as routes, accountsMeLinks } from "./accounts.routes.tsx";
export const feature: Feature = { name: "accounts", routes, meLinks: [accountsMeLinks] };
