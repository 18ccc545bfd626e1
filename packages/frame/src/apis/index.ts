/**
 * The standard runtime APIs, declared once (names, versions, argument and result codecs): the
 * runtime implements them (`implementApi`) and the host calls them (`runtimeApiClient`).
 * Lowercase constructors take the runtime's own extrinsic or block codec, so its metadata names
 * its types; the capitalised constants are the host's opaque view, with the same bytes.
 */
export * from "./accountNonce.ts";
export * from "./babe.ts";
export * from "./blockBuilder.ts";
export * from "./client.ts";
export * from "./core.ts";
export * from "./genesisBuilder.ts";
export * from "./grandpa.ts";
export * from "./metadata.ts";
export * from "./sessionKeys.ts";
export * from "./transactionPayment.ts";
export * from "./transactionQueue.ts";
