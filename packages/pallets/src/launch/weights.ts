/** Launch's one call writes one flag; its weight is stated with the call (calls.ts). */
export { WRITE } from "../system/weights.ts";
