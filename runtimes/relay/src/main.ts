/** The bundle's entry: installs the relay runtime where the host looks for it (DESIGN.md §1). */
import { installRuntime } from "@canary/frame";
import { createRelayRuntime } from "./index.ts";

installRuntime(createRelayRuntime().exports);
