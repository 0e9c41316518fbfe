// Words for the employers feature.
export const employers = {} as const;
