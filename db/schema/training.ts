// Tables of the training feature.
export {};
