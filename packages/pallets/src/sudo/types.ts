/** Sudo's types: it reuses `DispatchResult` (events) and the `Dispatcher` shape from Utility. */
export { type Dispatcher, DispatchResult } from "../utility/types.ts";
