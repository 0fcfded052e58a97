// Kills the Pair.sol mutants that outlived the AMM suites in `npm run mutation` (docs/security.md,
// "Mutation testing"). Each test names the mutants it kills by SuMo operator, line and change; each
// kill was checked by applying the mutant and running this file (scripts/mutants.js).
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18, mintDirect } from "../fixtures";

describe("Pair (mutation survivors)", function () {
  // BOR L95 (`rootK <= MINIMUM_LIQUIDITY` -> `==`): the suite's first deposit was worth exactly
  // MINIMUM_LIQUIDITY (sqrt(1000 * 1000) = 1000). Below it, `rootK - MINIMUM_LIQUIDITY` (unchecked)
  // would wrap and mint ~2^256 LP.
  it("refuses a first deposit worth less than MINIMUM_LIQUIDITY, minting nothing", async function () {
    const { pair, token0, token1, alice } = await loadFixture(ammFixture);
    await token0.connect(alice).transfer(pair.getAddress(), 999n);
    await token1.connect(alice).transfer(pair.getAddress(), 1000n); // sqrt(999,000) = 999
    await expect(pair.mint(alice.address))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidityMinted")
      .withArgs(999n, 1000n);
    expect(await pair.totalSupply()).to.equal(0n);
    expect(await pair.balanceOf(alice.address)).to.equal(0n);
  });

  // BOR L142 (`amount0Out >= reserve0` -> `==`, `amount1Out >= reserve1` -> `==`): the suite asked for
  // exactly a reserve. Above it, with a donation in the pair's balance to cover the transfer, the
  // mutant sends the tokens and only fails later, on the input check.
  it("refuses an output above a reserve even when the balance covers it", async function () {
    const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
    await mintDirect(pair, token0, token1, 5n * E18, 10n * E18, alice);
    await token0.connect(alice).transfer(pair.getAddress(), E18); // donated, not synced
    await token1.connect(alice).transfer(pair.getAddress(), E18);
    await expect(pair.swap(5n * E18 + 1n, 0n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidity")
      .withArgs(5n * E18 + 1n, 0n, 5n * E18, 10n * E18);
    await expect(pair.swap(0n, 10n * E18 + 1n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidity")
      .withArgs(0n, 10n * E18 + 1n, 5n * E18, 10n * E18);
  });

  // BOR/CSC/ILR L148, L149 (`amountOut != 0` -> `>= 0`, `true`, `!= 1`): a one-sided swap would also
  // send 0 of the other token, which some tokens refuse (and every token logs).
  it("a one-sided swap transfers nothing of the other token", async function () {
    const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
    await mintDirect(pair, token0, token1, 5n * E18, 10n * E18, alice);
    // 1 token1 in for 0.453... token0 out: getAmountOut(1e18, 10e18, 5e18) = 453305446940074565.
    await token1.connect(bob).transfer(pair.getAddress(), E18);
    const out0 = 453_305_446_940_074_565n;
    const toBob = pair.swap(out0, 0n, bob.address, "0x");
    await expect(toBob).to.changeTokenBalance(token0, bob, out0);
    await expect(toBob).not.to.emit(token1, "Transfer");
    // and the other way: 1 token0 in (reserves now 5e18 - out0, 11e18)
    await token0.connect(bob).transfer(pair.getAddress(), E18);
    const toAlice = pair.swap(0n, 1n, alice.address, "0x");
    await expect(toAlice).to.changeTokenBalance(token1, alice, 1n);
    await expect(toAlice).not.to.emit(token0, "Transfer");
  });
});
