// What a table query may group by and aggregate, and how many answers it gives: plain constants,
// so the CLI can check options without loading the schema library.
export const TIME_GROUPS = ["day", "week", "month", "year"] as const;
export const AGGREGATES = ["sum", "count", "avg", "min", "max"] as const;
export const MAX_LIMIT = 500;
