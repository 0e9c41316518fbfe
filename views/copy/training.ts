// Words for the training feature.
export const training = {} as const;
