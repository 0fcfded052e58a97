import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18, mintDirect } from "../fixtures";
import { shouldBehaveLikeERC20Permit, type ERC20Setup } from "../behaviours/erc20";

/** Pair.MINIMUM_LIQUIDITY: locked at address 0 by the first mint. */
const MINIMUM_LIQUIDITY = 1_000n;

describe("LPToken (the pair's ERC-20 + EIP-2612)", function () {
  /** alice mints the first 10 + 10 tokens' liquidity: √(10e18 · 10e18) = 10e18 LP, 1,000 locked. */
  async function lpERC20Fixture(): Promise<ERC20Setup> {
    const { pair, token0, token1, alice, bob, carol } = await ammFixture();
    await mintDirect(pair, token0, token1, 10n * E18, 10n * E18, alice);
    return {
      token: pair,
      owner: alice,
      spender: bob,
      recipient: carol,
      balance: 10n * E18 - MINIMUM_LIQUIDITY,
      supply: 10n * E18,
    };
  }

  // V2's ERC-20 (no zero-address check) with Furrow's custom errors (IPairERC20).
  shouldBehaveLikeERC20Permit({
    fixture: lpERC20Fixture,
    metadata: { name: "Furrow LP", symbol: "FURROW-LP", decimals: 18n },
    errors: {
      insufficientBalance: (account, balance, needed) => ["InsufficientBalance", account, balance, needed],
      insufficientAllowance: (spender, allowance, needed) => [
        "InsufficientAllowance",
        spender,
        allowance,
        needed,
      ],
    },
    domain: { name: "Furrow LP", version: "1" },
    permitErrors: {
      expired: (deadline, now) => ["PermitExpired", deadline, now],
      invalidSigner: (recovered, owner) => ["InvalidSignature", recovered, owner],
      unrecoverable: (owner) => ["InvalidSignature", ethers.ZeroAddress, owner],
    },
  });

  it("publishes V2's PERMIT_TYPEHASH", async function () {
    const { pair } = await loadFixture(ammFixture);
    expect(await pair.PERMIT_TYPEHASH()).to.equal(
      ethers.id("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
    );
  });
});
