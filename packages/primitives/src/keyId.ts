/**
 * Bytes as a map key: one UTF-16 unit per byte. Cheaper than hex (half the length, no lookup
 * table) on paths every storage access or signature check takes, in the runtime's storage cache
 * and in the node's overlay; never shown to anyone.
 */
export function keyId(bytes: Uint8Array): string {
  if (bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  // In slices: apply() takes a bounded number of arguments.
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096)
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return out;
}
