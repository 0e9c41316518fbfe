// Phone numbers proven by SMS code (验证码): other features start a proof from
// their forms and say what happens once the code matches. Its only door.
import type { Feature } from "../../shared/feature.ts";
import { phoneRoutes } from "./phone.routes.tsx";

export { startProof, definePurpose, finishStep, provenStep, codesSentToday, type Proven, type Purpose } from "./phone.actions.ts";
export { weakPin, budgetState, addressKey, limitRefusal, type WeakPin } from "./phone.domain.ts";
export { outcome } from "./phone.routes.tsx";
export { sweep as sweepPhoneCodes } from "./phone.repo.ts";

export const feature: Feature = { name: "phone", routes: phoneRoutes };

import { copy } from "../../../views/copy/index.ts";
import { weakPin } from "./phone.domain.ts";
/** The Chinese reason a PIN is refused as too easy to guess, or null. */
export function weakPinMessage(pin: string, idNumber?: string | null): string | null {
  const why = weakPin(pin, idNumber);
  return why ? copy.phone.weakPin[why] : null;
}
