export { checkGrandpaEquivocation, detectGrandpaEquivocation } from "./equivocation.ts";
export {
  type GrandpaAuthorities,
  grandpaThreshold,
  type JustificationCheck,
  verifyGrandpaJustification,
} from "./justification.ts";
export { signGrandpaVote, verifyGrandpaVote } from "./vote.ts";
