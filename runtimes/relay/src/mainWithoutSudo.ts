/**
 * The entry of the release that ends the launch: the relay runtime without Sudo, one spec version
 * up (Kusama's spec 1026, "Make Kusama decentralised and permissionless"). Sudo enacts it with
 * `sudo(system.set_code(...))` and is gone from then on (docs/launch.md).
 */
import { installRuntime } from "@canary/frame";
import { createRelayRuntime, SPEC_VERSION } from "./index.ts";

installRuntime(createRelayRuntime({ specVersion: SPEC_VERSION + 1 }, { withoutSudo: true }).exports);
