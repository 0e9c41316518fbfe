// The desk feature. Its only door: other code imports from here.
import type { Feature } from "../../shared/feature.ts";

export const feature: Feature = { name: "desk" };
