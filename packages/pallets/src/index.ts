export * from "./authorship/index.ts";
export * from "./balances/index.ts";
export * from "./session/index.ts";
export * from "./sudo/index.ts";
export * from "./system/index.ts";
export * from "./timestamp/index.ts";
export * from "./transactionPayment/index.ts";
export * from "./utility/index.ts";
