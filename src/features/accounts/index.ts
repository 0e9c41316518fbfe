// Accounts: sign-in, sessions, first-run setup, staff account admin.
export { accountsRoutes, clientAddress } from "./accounts.routes.tsx";
export { setupLinkIfNeeded, newSetupLink, SetupClosed } from "./setup.ts";
export { findUserByPhone, insertUser, type NewUser } from "./accounts.repo.ts";
export { creatableRoles, checkNewAccountScope, canManageAccount, secretKind } from "./accounts.domain.ts";

import type { Feature } from "../../shared/feature.ts";
import { accountsRoutes as routes, accountsMeLinks } from "./accounts.routes.tsx";
export const feature: Feature = { name: "accounts", routes, meLinks: [accountsMeLinks] };
