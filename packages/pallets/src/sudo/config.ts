/**
 * What the runtime supplies to Sudo: the composed runtime, to dispatch the calls it carries
 * (`configureSudo({ dispatcher: runtime })` at composition).
 */
import { CanaryError } from "@canary/primitives";
import type { Dispatcher } from "../utility/types.ts";

export interface SudoConfig {
  dispatcher: Dispatcher | undefined;
}

let config: SudoConfig = { dispatcher: undefined };

export function configureSudo(next: Partial<SudoConfig>): void {
  config = { ...config, ...next };
}

export function sudoDispatcher(): Dispatcher {
  const { dispatcher } = config;
  if (!dispatcher) {
    throw new CanaryError("SUDO_NO_DISPATCHER", "configureSudo({ dispatcher: runtime }) was not called");
  }
  return dispatcher;
}
