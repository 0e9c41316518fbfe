// Words for the desk feature.
export const desk = {} as const;
