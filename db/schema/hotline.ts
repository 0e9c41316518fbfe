// Tables of the hotline feature.
export {};
