// Status and kind lists, declared once: the table definitions, the valibot
// schemas and the views all read these arrays, so a new value is added here only.

export const roles = ["worker", "employer", "staff", "county_admin", "city_admin"] as const;
export type Role = (typeof roles)[number];

/** Roles that work for the employment office and so see the staff side. */
export const staffRoles = ["staff", "county_admin", "city_admin"] as const satisfies readonly Role[];

/** 市级 / 县级 / 乡镇 / 驿站 / 线上: the tiers of a gig market. */
export const marketTiers = ["city", "county", "township", "station", "online"] as const;
export type MarketTier = (typeof marketTiers)[number];
