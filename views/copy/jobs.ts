// Words for the jobs feature.
export const jobs = {} as const;
