// Words for the monitoring feature.
export const monitoring = {} as const;
