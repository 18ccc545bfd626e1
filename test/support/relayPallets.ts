/** The relay's pallets as clients see them in its metadata: Kusama's names and indices, in Kusama's order. */
export const RELAY_PALLETS: Array<[string, number]> = [
  ["System", 0],
  ["Babe", 1],
  ["Timestamp", 2],
  ["Balances", 4],
  ["TransactionPayment", 33],
  ["Authorship", 5],
  ["Offences", 7],
  ["Historical", 34],
  ["Session", 8],
  ["Grandpa", 10],
  ["Claims", 19],
  ["Utility", 24],
  ["Vesting", 28],
  ["ValidatorManager", 252],
  ["Sudo", 255],
];
