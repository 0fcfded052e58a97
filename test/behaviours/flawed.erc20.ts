// The shared ERC-20 + permit suite run against FlawedPermitToken, once per flaw. Loaded by every
// `hardhat test`, it declares nothing unless FLAWED_TOKEN_SUITE=1: only erc20.proof.test.ts runs
// it, in a child process, to show which examples of the suite each flaw makes fail.
import { ethers } from "hardhat";
import type { FlawedPermitToken } from "../../typechain-types";
import {
  OPENZEPPELIN_ERC20_ERRORS,
  OPENZEPPELIN_PERMIT_ERRORS,
  shouldBehaveLikeERC20Permit,
  type ERC20Setup,
} from "./erc20";

export const FLAWS = ["None", "ReplayablePermit", "SpendsInfiniteAllowance"] as const;
const BALANCE = 1_000n * 10n ** 18n;

if (process.env.FLAWED_TOKEN_SUITE === "1") {
  FLAWS.forEach((flaw, index) => {
    describe(`FlawedPermitToken (${flaw})`, function () {
      // One named fixture per flaw: loadFixture tells fixtures apart by function identity.
      const fixture = {
        [`flawed${flaw}Fixture`]: async function (): Promise<ERC20Setup> {
          const [, owner, spender, recipient] = await ethers.getSigners();
          const token: FlawedPermitToken = await ethers.deployContract("FlawedPermitToken", [
            index,
            owner.address,
            BALANCE,
          ]);
          return { token, owner, spender, recipient, balance: BALANCE, supply: BALANCE };
        },
      }[`flawed${flaw}Fixture`];

      shouldBehaveLikeERC20Permit({
        fixture,
        metadata: { name: "Flawed", symbol: "FLAW", decimals: 18n },
        errors: OPENZEPPELIN_ERC20_ERRORS,
        domain: { name: "Flawed", version: "1" },
        permitErrors: OPENZEPPELIN_PERMIT_ERRORS,
      });
    });
  });
}
