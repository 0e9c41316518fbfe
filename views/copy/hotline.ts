// Words for the hotline feature.
export const hotline = {} as const;
