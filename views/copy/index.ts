// The one catalog of user-facing words. Each feature keeps its own section in
// a file beside this one; code reads them as copy.<feature>.<key>.
import { common, errors } from "./common.ts";
import { accounts } from "./accounts.ts";
import { home } from "./home.ts";
import { employers } from "./employers.ts";
import { workers } from "./workers.ts";
import { messages } from "./messages.ts";
import { jobs } from "./jobs.ts";
import { hires } from "./hires.ts";
import { desk } from "./desk.ts";
import { hotline } from "./hotline.ts";
import { training } from "./training.ts";
import { policy } from "./policy.ts";
import { markets } from "./markets.ts";
import { monitoring } from "./monitoring.ts";
import { ops } from "./ops.ts";
import { api } from "./api.ts";
import { supervision } from "./supervision.ts";
import { sms, smsPages } from "./sms.ts";
import { alerts } from "./alerts.ts";

import { phone } from "./phone.ts";
import { records } from "./records.ts";
import { review } from "./review.ts";

export const copy = { common, errors, accounts, home, employers, workers, messages, jobs, hires, desk, hotline, training, policy, markets, monitoring, ops, api, supervision, sms, smsPages, alerts, phone, records, review } as const;
export type Copy = typeof copy;
