/**
 * A small but realistic runtime's metadata model for tests: System, Balances and a recursive
 * Utility pallet, Kusama's signed extensions, a System.Version constant and one runtime API.
 */
import {
  AccountId32,
  Bytes,
  CANARY_SIGNED_EXTENSIONS,
  type Codec,
  canaryExtensions,
  compactU128,
  Enum,
  encodeUtf8,
  FixedBytes,
  fromHex,
  Hash256,
  lazy,
  MultiAddress,
  MultiSignature,
  Option,
  Struct,
  Tuple,
  type TypeDesc,
  u8,
  u32,
  u128,
  Vec,
  withIdentity,
} from "@canary/primitives";
import type { MetadataModel } from "../model.ts";

const runtimePath = (name: string) => ["canary_runtime", name];

export const AccountData = withIdentity(Struct({ free: u128, reserved: u128, frozen: u128, flags: u128 }), {
  path: ["pallet_balances", "types", "AccountData"],
  params: [{ name: "Balance", type: u128.desc }],
});

export const AccountInfo = withIdentity(
  Struct({ nonce: u32, consumers: u32, providers: u32, sufficients: u32, data: AccountData }),
  {
    path: ["frame_system", "AccountInfo"],
    params: [
      { name: "Nonce", type: u32.desc },
      { name: "AccountData", type: AccountData.desc },
    ],
  },
);

const Phase = withIdentity(Enum({ ApplyExtrinsic: [0, u32], Finalization: [1], Initialization: [2] }), {
  path: ["frame_system", "Phase"],
});

/** A pallet enum (Call/Event/Error) with `fields` per variant name: [index, fields]. */
function palletEnum(
  path: string[],
  variants: Record<string, [number, Array<{ name: string; type: TypeDesc; typeName?: string }>]>,
  docs: Record<string, string[]> = {},
): TypeDesc {
  return {
    kind: "variant",
    path,
    params: [{ name: "T" }],
    variants: Object.entries(variants).map(([name, [index, fields]]) => ({
      name,
      index,
      fields,
      docs: docs[name] ?? [],
    })),
  };
}

const systemCall = palletEnum(["frame_system", "pallet", "Call"], {
  remark: [0, [{ name: "remark", type: Bytes.desc, typeName: "Vec<u8>" }]],
});
const systemEvent = palletEnum(["frame_system", "pallet", "Event"], {
  ExtrinsicSuccess: [0, []],
  NewAccount: [3, [{ name: "account", type: AccountId32.desc, typeName: "T::AccountId" }]],
});
const systemError = palletEnum(["frame_system", "pallet", "Error"], {
  InvalidSpecName: [0, []],
  CallFiltered: [5, []],
});

const balancesCall = palletEnum(
  ["pallet_balances", "pallet", "Call"],
  {
    transfer_allow_death: [
      0,
      [
        { name: "dest", type: MultiAddress.desc, typeName: "AccountIdLookupOf<T>" },
        { name: "value", type: compactU128.desc, typeName: "T::Balance" },
      ],
    ],
    transfer_keep_alive: [
      3,
      [
        { name: "dest", type: MultiAddress.desc, typeName: "AccountIdLookupOf<T>" },
        { name: "value", type: compactU128.desc, typeName: "T::Balance" },
      ],
    ],
  },
  { transfer_keep_alive: ["Transfer, keeping the sender alive."] },
);
const balancesEvent = palletEnum(["pallet_balances", "pallet", "Event"], {
  Transfer: [
    2,
    [
      { name: "from", type: AccountId32.desc, typeName: "T::AccountId" },
      { name: "to", type: AccountId32.desc, typeName: "T::AccountId" },
      { name: "amount", type: u128.desc, typeName: "T::Balance" },
    ],
  ],
});
const balancesError = palletEnum(["pallet_balances", "pallet", "Error"], {
  VestingBalance: [0, []],
  InsufficientBalance: [2, []],
});

// The outer call enum refers to itself through Utility.batch; `lazy` closes the loop.
// biome-ignore lint/suspicious/noExplicitAny: a test codec whose value type is irrelevant.
const RuntimeCallRef: Codec<any> = lazy(() => RuntimeCall, "RuntimeCall");
const utilityCall = palletEnum(["pallet_utility", "pallet", "Call"], {
  batch: [
    0,
    [{ name: "calls", type: Vec(RuntimeCallRef).desc, typeName: "Vec<<T as Config>::RuntimeCall>" }],
  ],
});
const utilityEvent = palletEnum(["pallet_utility", "pallet", "Event"], { BatchCompleted: [1, []] });

const outer = (name: string, parts: Array<[string, number, TypeDesc]>): TypeDesc => ({
  kind: "variant",
  path: runtimePath(name),
  variants: parts.map(([pallet, index, type]) => ({
    name: pallet,
    index,
    fields: [{ type, typeName: `${pallet}` }],
  })),
});

// biome-ignore lint/suspicious/noExplicitAny: as above.
const RuntimeCall: Codec<any> = {
  ...u8,
  desc: outer("RuntimeCall", [
    ["System", 0, systemCall],
    ["Balances", 4, balancesCall],
    ["Utility", 24, utilityCall],
  ]),
};
export const runtimeCallDesc = RuntimeCall.desc;
export const runtimeCallRefDesc = RuntimeCallRef.desc;

const RuntimeEvent = outer("RuntimeEvent", [
  ["System", 0, systemEvent],
  ["Balances", 4, balancesEvent],
  ["Utility", 24, utilityEvent],
]);
const RuntimeError = outer("RuntimeError", [
  ["System", 0, systemError],
  ["Balances", 4, balancesError],
]);

export const EventRecord: TypeDesc = {
  kind: "composite",
  path: ["frame_system", "EventRecord"],
  params: [
    { name: "E", type: RuntimeEvent },
    { name: "T", type: Hash256.desc },
  ],
  fields: [
    { name: "phase", type: Phase.desc, typeName: "Phase" },
    { name: "event", type: RuntimeEvent, typeName: "E" },
    { name: "topics", type: Vec(Hash256).desc, typeName: "Vec<T>" },
  ],
};

export const RuntimeVersion = withIdentity(
  Struct({
    spec_name: withIdentity(Bytes, { path: [] }),
    impl_name: withIdentity(Bytes, { path: [] }),
    authoring_version: u32,
    spec_version: u32,
    impl_version: u32,
    apis: Vec(Tuple(FixedBytes(8, "api id"), u32)),
    transaction_version: u32,
    system_version: u8,
  }),
  { path: ["sp_version", "RuntimeVersion"] },
);

const str = { kind: "primitive", name: "str" } as const satisfies TypeDesc;
const versionDesc: TypeDesc = {
  ...RuntimeVersion.desc,
  kind: "composite",
  fields: (RuntimeVersion.desc as TypeDesc & { kind: "composite" }).fields.map((f) =>
    f.name === "spec_name" || f.name === "impl_name" ? { ...f, type: str, typeName: "Cow<'static, str>" } : f,
  ),
};

export const ALICE = fromHex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");

export const versionValue = RuntimeVersion.enc({
  spec_name: encodeUtf8("canary"),
  impl_name: encodeUtf8("canary-node"),
  authoring_version: 1,
  spec_version: 1_002_000,
  impl_version: 0,
  apis: [[new Uint8Array([0xdf, 0x6a, 0xcb, 0x68, 0x99, 0x07, 0x60, 0x9b]), 3]],
  transaction_version: 26,
  system_version: 1,
});

/** System.Account's default: a zero AccountInfo whose flags have bit 127 set, as Kusama's. */
export const accountDefault = AccountInfo.enc({
  nonce: 0,
  consumers: 0,
  providers: 0,
  sufficients: 0,
  data: { free: 0n, reserved: 0n, frozen: 0n, flags: 1n << 127n },
});

export function sampleModel(): MetadataModel {
  return {
    pallets: [
      {
        name: "System",
        index: 0,
        storage: {
          prefix: "System",
          entries: [
            {
              name: "Account",
              modifier: "Default",
              type: {
                kind: "map",
                hashers: ["Blake2_128Concat"],
                key: AccountId32.desc,
                value: AccountInfo.desc,
              },
              default: accountDefault,
              docs: ["The full account information for a particular account ID."],
            },
            {
              name: "Number",
              modifier: "Default",
              type: { kind: "plain", value: u32.desc },
              default: new Uint8Array(4),
              docs: ["The current block number being processed."],
            },
            {
              name: "Events",
              modifier: "Default",
              type: { kind: "plain", value: { kind: "sequence", inner: EventRecord } },
              default: new Uint8Array(1),
              docs: [],
            },
            {
              name: "LastRuntimeUpgrade",
              modifier: "Optional",
              type: { kind: "plain", value: Option(u32).desc },
              default: new Uint8Array(1),
              docs: [],
            },
          ],
        },
        calls: systemCall,
        event: systemEvent,
        error: systemError,
        constants: [{ name: "Version", type: versionDesc, value: versionValue, docs: ["Runtime version."] }],
        docs: ["The System pallet."],
      },
      {
        name: "Balances",
        index: 4,
        storage: {
          prefix: "Balances",
          entries: [
            {
              name: "TotalIssuance",
              modifier: "Default",
              type: { kind: "plain", value: u128.desc },
              default: new Uint8Array(16),
              docs: [],
            },
          ],
        },
        calls: balancesCall,
        event: balancesEvent,
        error: balancesError,
        constants: [
          {
            name: "ExistentialDeposit",
            type: u128.desc,
            value: u128.enc(333_333_333n),
            docs: ["The minimum amount required to keep an account open."],
          },
        ],
        docs: ["The Balances pallet."],
      },
      {
        name: "Utility",
        index: 24,
        calls: utilityCall,
        event: utilityEvent,
        constants: [],
        docs: [],
      },
    ],
    extrinsic: {
      version: 4,
      type: {
        kind: "composite",
        path: ["sp_runtime", "generic", "unchecked_extrinsic", "UncheckedExtrinsic"],
        params: [
          { name: "Address", type: MultiAddress.desc },
          { name: "Call", type: RuntimeCall.desc },
          { name: "Signature", type: MultiSignature.desc },
          { name: "Extra", type: canaryExtensions.extra.desc },
        ],
        fields: [],
      },
      address: MultiAddress.desc,
      call: RuntimeCall.desc,
      signature: MultiSignature.desc,
      extra: canaryExtensions.extra.desc,
      signedExtensions: CANARY_SIGNED_EXTENSIONS.map((e) => ({
        identifier: e.identifier,
        type: e.extra.desc,
        additionalSigned: e.additionalSigned.desc,
      })),
    },
    runtime: { kind: "composite", path: runtimePath("Runtime"), fields: [] },
    outerEnums: { call: RuntimeCall.desc, event: RuntimeEvent, error: RuntimeError },
    apis: [
      {
        name: "AccountNonceApi",
        methods: [
          {
            name: "account_nonce",
            inputs: [{ name: "account", type: AccountId32.desc }],
            output: u32.desc,
            docs: ["Get current account nonce of given `AccountId`."],
          },
        ],
        docs: ["The API to query account nonce."],
      },
    ],
  };
}
