// Words for the hires feature.
export const hires = {} as const;
