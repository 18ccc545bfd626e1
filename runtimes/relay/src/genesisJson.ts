/**
 * JSON for genesis configs with exact integers: balances exceed 2^53, so numbers are read from
 * their source text (primitives' parseJsonExact) and written back as raw JSON numbers, never
 * through floating point. Both are standard JavaScript, identical on every node.
 */
import { CanaryError, decodeUtf8, encodeUtf8, fromHex, parseJsonExact, ss58Decode } from "@canary/primitives";

export type Json = null | boolean | bigint | string | Json[] | { [key: string]: Json };

export function parseJson(bytes: Uint8Array): Json {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new CanaryError("GENESIS_BAD_JSON", "the genesis config is not UTF-8");
  try {
    return parseJsonExact(text, {
      safe: (n) => BigInt(n),
      inexact: (source) => {
        if (!/^-?\d+$/.test(source))
          throw new CanaryError(
            "GENESIS_BAD_JSON",
            `only integers are allowed in a genesis config, found ${source}`,
          );
        return BigInt(source);
      },
    }) as Json;
  } catch (e) {
    if (e instanceof CanaryError) throw e;
    throw new CanaryError(
      "GENESIS_BAD_JSON",
      `the genesis config is not valid JSON: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

export function stringifyJson(value: Json): Uint8Array {
  return encodeUtf8(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? rawJson(v.toString()) : v)));
}

/** Readers for one config section: each names the path of a bad value in its error. */
export class JsonReader {
  readonly value: Json | undefined;
  readonly #parent: JsonReader | undefined;
  readonly #step: string | number;

  /** A reader of `value` at path `step`, or at `step` (a field or an index) below `parent`. */
  constructor(value: Json | undefined, step: string | number, parent?: JsonReader) {
    this.value = value;
    this.#step = step;
    this.#parent = parent;
  }

  /**
   * Where the value is (`genesis.balances.balances[3]`), for errors. Built only when asked: a
   * config of 100,000 balances has 300,000 readers, and almost never an error.
   */
  get path(): string {
    const parent = this.#parent;
    if (parent === undefined) return String(this.#step);
    return typeof this.#step === "number" ? `${parent.path}[${this.#step}]` : `${parent.path}.${this.#step}`;
  }

  #fail(expected: string): never {
    throw new CanaryError("GENESIS_BAD_CONFIG", `${this.path}: expected ${expected}`);
  }

  object(allowed: readonly string[]): Record<string, JsonReader> {
    const v = this.value;
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.#fail("an object");
    const out: Record<string, JsonReader> = {};
    for (const [k, item] of Object.entries(v)) {
      if (!allowed.includes(k)) {
        throw new CanaryError(
          "GENESIS_BAD_CONFIG",
          `${this.path}: unknown field "${k}" (known: ${allowed.join(", ")})`,
        );
      }
      out[k] = new JsonReader(item, k, this);
    }
    return out;
  }

  array(): JsonReader[] {
    if (!Array.isArray(this.value)) this.#fail("an array");
    return this.value.map((item, i) => new JsonReader(item, i, this));
  }

  /** A non-negative integer below 2^bits, as a JSON number or a decimal string. */
  uint(bits: number): bigint {
    const v = this.value;
    const n = typeof v === "bigint" ? v : typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : undefined;
    if (n === undefined || n < 0n || n >= 1n << BigInt(bits)) this.#fail(`an integer in u${bits}`);
    return n;
  }

  /** An account: SS58 (any network prefix) or 0x-hex of 32 bytes. */
  account(): Uint8Array {
    const v = this.value;
    if (typeof v !== "string") this.#fail("an SS58 or 0x-hex account");
    try {
      const bytes = v.startsWith("0x") ? fromHex(v) : ss58Decode(v).publicKey;
      if (bytes.length === 32) return bytes;
    } catch {
      // reported below with the path
    }
    this.#fail("an SS58 or 0x-hex 32-byte account");
  }

  /** A public key of `length` bytes: 0x-hex, or SS58 for 32-byte keys (as Substrate's chain specs write them). */
  key(length: number): Uint8Array {
    const v = this.value;
    if (typeof v !== "string") this.#fail(`a ${length}-byte key as 0x-hex or SS58`);
    try {
      const bytes = v.startsWith("0x") ? fromHex(v) : length === 32 ? ss58Decode(v).publicKey : undefined;
      if (bytes?.length === length) return bytes;
    } catch {
      // reported below with the path
    }
    this.#fail(`a ${length}-byte key as 0x-hex${length === 32 ? " or SS58" : ""}`);
  }

  bool(): boolean {
    if (typeof this.value !== "boolean") this.#fail("true or false");
    return this.value;
  }

  /** One of `values` (a string). */
  oneOf<T extends string>(values: readonly T[]): T {
    const v = this.value;
    if (typeof v !== "string" || !values.includes(v as T)) this.#fail(`one of ${values.join(", ")}`);
    return v as T;
  }

  /** 0x-hex of exactly `length` bytes. */
  bytes(length: number): Uint8Array {
    const v = this.value;
    try {
      const bytes = typeof v === "string" && v.startsWith("0x") ? fromHex(v) : undefined;
      if (bytes?.length === length) return bytes;
    } catch {
      // reported below with the path
    }
    this.#fail(`${length} bytes as 0x-hex`);
  }

  get missing(): boolean {
    return this.value === undefined || this.value === null;
  }
}
