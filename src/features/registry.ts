// Every feature the app mounts, in order. A new feature adds one line.
import type { Feature } from "../shared/feature.ts";
import { feature as accounts } from "./accounts/index.ts";
import { feature as phone } from "./phone/index.ts";
import { feature as employers } from "./employers/index.ts";
import { feature as workers } from "./workers/index.ts";
import { feature as messages } from "./messages/index.ts";
import { feature as jobs } from "./jobs/index.ts";
import { feature as hires } from "./hires/index.ts";
import { feature as desk } from "./desk/index.ts";
import { feature as hotline } from "./hotline/index.ts";
import { feature as training } from "./training/index.ts";
import { feature as policy } from "./policy/index.ts";
import { feature as markets } from "./markets/index.ts";
import { feature as monitoring } from "./monitoring/index.ts";
import { feature as ops } from "./ops/index.ts";
import { feature as alerts } from "./alerts/index.ts";
import { feature as supervision } from "./supervision/index.ts";
import { feature as records } from "./records/index.ts";
import { feature as review } from "./review/index.ts";

export const features: Feature[] = [accounts, phone, employers, workers, messages, jobs, hires, desk, hotline, training, policy, markets, monitoring, ops, supervision, alerts, records, review];
