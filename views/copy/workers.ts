// Words for the workers feature.
export const workers = {} as const;
