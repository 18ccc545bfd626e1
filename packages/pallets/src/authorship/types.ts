/** Authorship's types: the author is an `AccountId32`. */
export { AccountId32 } from "@canary/primitives";
