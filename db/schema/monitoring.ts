// Tables of the monitoring feature.
export {};
