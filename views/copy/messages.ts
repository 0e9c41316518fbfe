// Words for the messages feature.
export const messages = {} as const;
