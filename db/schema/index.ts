// Every table, for drizzle's typed queries. Each feature adds its file here.
export * from "./regions.ts";
export * from "./markets.ts";
export * from "./accounts.ts";
