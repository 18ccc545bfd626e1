/**
 * A toy pallet for tests of pallets that carry calls (Utility, Sudo): calls that succeed, fail after
 * writing, need Root, use less weight than declared, or record their caller, deterministically.
 */
import {
  call,
  definePallet,
  ensureRoot,
  ensureSigned,
  event,
  type PalletInstance,
  type PalletSelf,
  type RuntimeCall,
  type StorageOf,
  value,
  weight,
} from "@canary/frame";
import { AccountId32, u32 } from "@canary/primitives";

const storage = {
  Value: value({ value: u32, default: 0 }),
  LastCaller: value({ value: AccountId32 }),
};
const events = { Stored: event(0, { who: AccountId32, value: u32 }) };
const errors = { Refused: { index: 1, docs: [] } };

type ToySelf = PalletSelf<Record<string, never>, StorageOf<typeof storage>, typeof events, typeof errors>;

export const Toy = definePallet({
  name: "Toy",
  storage,
  events,
  errors,
  build: (self: ToySelf) => ({
    calls: {
      store: call({
        index: 0,
        args: { value: u32 },
        weight: weight(1_000n),
        dispatch: (origin, args) => {
          const who = ensureSigned(origin);
          self.storage.Value.set(args.value);
          self.storage.LastCaller.set(who);
          self.emit("Stored", { who, value: args.value });
        },
      }),
      fail: call({
        index: 1,
        args: {},
        weight: weight(10n),
        dispatch: () => {
          self.storage.Value.set(999);
          throw self.fail("Refused");
        },
      }),
      root_only: call({
        index: 2,
        args: { value: u32 },
        weight: weight(100n),
        dispatch: (origin, args) => {
          ensureRoot(origin);
          self.storage.Value.set(args.value);
        },
      }),
      light: call({
        index: 3,
        args: {},
        weight: weight(5_000n),
        // Reports using less than declared, so batches charge the actual weight.
        dispatch: () => ({ actualWeight: weight(50n), paysFee: "Yes" }),
      }),
      note_caller: call({
        index: 4,
        args: {},
        weight: weight(200n),
        dispatch: (origin) => {
          self.storage.LastCaller.set(ensureSigned(origin));
        },
      }),
    },
  }),
});

export type ToyInstance = PalletInstance<ToySelf>;

/** The toy's calls as `RuntimeCall` values. */
export const toy = {
  store: (v: number): RuntimeCall => ({ tag: "Toy", value: { tag: "store", value: { value: v } } }),
  fail: { tag: "Toy", value: { tag: "fail", value: {} } } as RuntimeCall,
  rootOnly: (v: number): RuntimeCall => ({ tag: "Toy", value: { tag: "root_only", value: { value: v } } }),
  light: { tag: "Toy", value: { tag: "light", value: {} } } as RuntimeCall,
  noteCaller: { tag: "Toy", value: { tag: "note_caller", value: {} } } as RuntimeCall,
};
