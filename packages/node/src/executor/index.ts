export { ExecutorError, type ExecutorErrorCode } from "./errors.ts";
export { Executor, type ExecutorOptions } from "./executor.ts";
