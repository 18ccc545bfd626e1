import { fromHex } from "@canary/primitives";
import { CliError } from "./errors.ts";

/** A node key given as `--node-key`: 32 bytes of hex (0x optional), as Substrate takes it. */
export function parseNodeKey(hex: string): Uint8Array {
  const digits = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (!/^[0-9a-fA-F]{64}$/.test(digits)) {
    throw new CliError("CLI_BAD_FLAG", `a node key is 32 bytes of hex (64 digits), got "${hex}"`);
  }
  return fromHex(`0x${digits}`);
}
