/** Claims' errors, with Kusama's indices. */
export const errors = {
  InvalidEthereumSignature: { index: 0, docs: ["Invalid Ethereum signature."] },
  SignerHasNoClaim: { index: 1, docs: ["Ethereum address has no claim."] },
  SenderHasNoClaim: { index: 2, docs: ["Account ID sending transaction has no claim."] },
  PotUnderflow: {
    index: 3,
    docs: [
      "There's not enough in the pot to pay out some unvested amount. Generally implies a",
      "logic error.",
    ],
  },
  InvalidStatement: { index: 4, docs: ["A needed statement was not included."] },
  VestedBalanceExists: { index: 5, docs: ["The account already has a vested balance."] },
};
