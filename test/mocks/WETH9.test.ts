import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { WETH9 } from "../../typechain-types";
import { E18 } from "../fixtures";
import { shouldBehaveLikeERC20, type ERC20Setup } from "../behaviours/erc20";

describe("WETH9 (the local chains' WETH)", function () {
  /** alice wraps 10 ether into a fresh WETH9: the supply is the ether it holds. */
  async function wethFixture() {
    const [, alice, bob, carol] = await ethers.getSigners();
    const weth: WETH9 = await ethers.deployContract("WETH9");
    await weth.connect(alice).deposit({ value: 10n * E18 });
    return { weth, alice, bob, carol };
  }

  async function wethERC20Fixture(): Promise<ERC20Setup> {
    const { weth, alice, bob, carol } = await wethFixture();
    return {
      token: weth,
      owner: alice,
      spender: bob,
      recipient: carol,
      balance: 10n * E18,
      supply: 10n * E18,
    };
  }

  // WETH9 has no permit; its errors are IWETH's, and like the original it sends to address 0.
  shouldBehaveLikeERC20({
    fixture: wethERC20Fixture,
    metadata: { name: "Wrapped Ether", symbol: "WETH", decimals: 18n },
    errors: {
      insufficientBalance: (account, balance, needed) => ["InsufficientBalance", account, balance, needed],
      insufficientAllowance: (spender, allowance, needed) => [
        "InsufficientAllowance",
        spender,
        allowance,
        needed,
      ],
    },
  });

  describe("wrapping", function () {
    it("wraps ether sent to it, emitting Deposit", async function () {
      const { weth, bob } = await loadFixture(wethFixture);
      await expect(bob.sendTransaction({ to: weth, value: 3n * E18 }))
        .to.emit(weth, "Deposit")
        .withArgs(bob.address, 3n * E18);
      expect(await weth.balanceOf(bob.address)).to.equal(3n * E18);
      expect(await weth.totalSupply()).to.equal(13n * E18);
    });

    it("unwraps on withdraw, paying the ether back, and reverts past the balance", async function () {
      const { weth, alice } = await loadFixture(wethFixture);
      const unwrap = weth.connect(alice).withdraw(4n * E18);
      await expect(unwrap)
        .to.emit(weth, "Withdrawal")
        .withArgs(alice.address, 4n * E18);
      await expect(unwrap).to.changeEtherBalances([alice, weth], [4n * E18, -4n * E18]);
      expect(await weth.balanceOf(alice.address)).to.equal(6n * E18);
      await expect(weth.connect(alice).withdraw(6n * E18 + 1n))
        .to.be.revertedWithCustomError(weth, "InsufficientBalance")
        .withArgs(alice.address, 6n * E18, 6n * E18 + 1n);
    });
  });
});
