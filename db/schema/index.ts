// Every table, for drizzle's typed queries. Each feature adds its file here.
export * from "./regions.ts";
export * from "./markets.ts";
export * from "./accounts.ts";
export * from "./market.ts";
export * from "./desk.ts";
export * from "./hotline.ts";
export * from "./training.ts";
export * from "./policy.ts";
export * from "./monitoring.ts";
export * from "./ops.ts";
export * from "./supervision.ts";
export * from "./submissions.ts";
export * from "./phone.ts";
export * from "./records.ts";
