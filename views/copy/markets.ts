// Words for the markets feature.
export const markets = {} as const;
