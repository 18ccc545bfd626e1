/** Historical has no genesis of its own: the genesis sessions' roots are noted when Session starts them. */
export type HistoricalGenesis = Record<string, never>;
