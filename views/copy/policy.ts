// Words for the policy feature.
export const policy = {} as const;
