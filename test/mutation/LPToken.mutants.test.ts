// Kills the LPToken.sol mutants that outlived the unit tests in `npm run mutation`
// (docs/security.md, "Mutation testing"). Each test names the mutants it kills by SuMo operator,
// line and change.
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ammFixture, E18, mintDirect } from "../fixtures";
import { PERMIT_TYPES, signPermit } from "../../src/chain/permit";
import { ContractCaller } from "./contractCaller";

const MAX = ethers.MaxUint256;

describe("LPToken (mutation survivors)", function () {
  /** alice holds 10e18 - 1000 LP; a contract account (operated by bob) holds 1000 LP. */
  async function lpFixture() {
    const f = await ammFixture();
    await mintDirect(f.pair, f.token0, f.token1, 10n * E18, 10n * E18, f.alice);
    const caller = await ContractCaller.deploy(f.bob);
    await f.pair.connect(f.alice).transfer(caller.address(), 1000n);
    return { ...f, caller };
  }

  function sortedSigners(signers: HardhatEthersSigner[]) {
    return [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  }

  // BLR L59, L65, L80 (`return true` -> `return false`) and RSD L59, L65, L80 (return deleted):
  // the unit tests send transactions and never read the returned bool.
  it("returns true from approve, transfer and transferFrom", async function () {
    const { pair, alice, bob } = await loadFixture(lpFixture);
    expect(await pair.connect(alice).approve.staticCall(bob.address, 5n)).to.equal(true);
    expect(await pair.connect(alice).transfer.staticCall(bob.address, 5n)).to.equal(true);
    await pair.connect(alice).approve(bob.address, 5n);
    expect(await pair.connect(bob).transferFrom.staticCall(alice.address, bob.address, 5n)).to.equal(true);
  });

  // BOR L73 (`allowed < value` -> `<=`) and BOR L145 (`balance < value` -> `<=`): spending the
  // whole allowance, and sending the whole balance, are allowed.
  it("spends an allowance and a balance down to exactly zero", async function () {
    const { pair, alice, bob, carol } = await loadFixture(lpFixture);
    const balance = await pair.balanceOf(alice.address);
    await pair.connect(alice).approve(bob.address, 7n);
    await pair.connect(bob).transferFrom(alice.address, carol.address, 7n);
    expect(await pair.allowance(alice.address, bob.address)).to.equal(0n);
    await pair.connect(alice).transfer(carol.address, balance - 7n);
    expect(await pair.balanceOf(alice.address)).to.equal(0n);
    expect(await pair.balanceOf(carol.address)).to.equal(balance);
  });

  // BOR L148 (`balance - value` -> `+`, `*`, `/`, `**`, `%`): the unit tests read the receiver's
  // balance only. The sender's goes down by the amount and the supply does not move.
  it("takes the amount from the sender and leaves totalSupply unchanged", async function () {
    const { pair, alice, bob } = await loadFixture(lpFixture);
    const [balance, supply] = [await pair.balanceOf(alice.address), await pair.totalSupply()];
    await pair.connect(alice).transfer(bob.address, 3n);
    expect(await pair.balanceOf(alice.address)).to.equal(balance - 3n);
    expect(await pair.balanceOf(bob.address)).to.equal(3n);
    expect(await pair.totalSupply()).to.equal(supply);
  });

  // BOR L171 (`supply - value` -> `%` in _burnOwn): the unit tests burn all of a holder's LP, where
  // supply % value equals supply - value. Burning a tenth of the supply tells them apart.
  it("lowers totalSupply by exactly the LP burned", async function () {
    const { pair, alice } = await loadFixture(lpFixture);
    expect(await pair.totalSupply()).to.equal(10n * E18);
    await pair.connect(alice).transfer(pair.getAddress(), E18);
    await pair.connect(alice).burn(alice.address);
    expect(await pair.totalSupply()).to.equal(9n * E18);
    expect(await pair.balanceOf(pair.getAddress())).to.equal(0n);
  });

  // BOR L98 (`deadline < block.timestamp` -> `<=`): a permit is still valid in the block whose
  // timestamp is its deadline.
  it("accepts a permit executed at its deadline", async function () {
    const { pair, alice, bob } = await loadFixture(lpFixture);
    const deadline = BigInt(await time.latest()) + 100n;
    const sig = await signPermit(pair, alice, bob.address, 9n, deadline);
    await time.setNextBlockTimestamp(deadline);
    await pair.permit(alice.address, bob.address, 9n, deadline, sig.v, sig.r, sig.s);
    expect(await pair.allowance(alice.address, bob.address)).to.equal(9n);
  });

  // BOR L111 (`signer == address(0)` -> `<`) and ILR L111 (`address(0)` -> `address(1)`): only the
  // zero-signer check stops a permit for owner 0 with a signature that recovers no one.
  it("rejects a permit for the zero owner with a signature that recovers no one", async function () {
    const { pair, bob } = await loadFixture(lpFixture);
    await expect(pair.permit(ethers.ZeroAddress, bob.address, 1n, MAX, 27, ethers.ZeroHash, ethers.ZeroHash))
      .to.be.revertedWithCustomError(pair, "InvalidSignature")
      .withArgs(ethers.ZeroAddress, ethers.ZeroAddress);
    expect(await pair.allowance(ethers.ZeroAddress, bob.address)).to.equal(0n);
  });

  // BOR L111 (`signer != owner` -> `>` or `<`): the unit test's wrong signer sits on one side of
  // the owner's address only. Wrong signers on both sides are refused.
  it("rejects permits signed by accounts below and above the owner's address", async function () {
    const { pair } = await loadFixture(lpFixture);
    const sorted = sortedSigners(await ethers.getSigners());
    const owner = sorted[Math.floor(sorted.length / 2)];
    const spender = sorted[1];
    const { chainId } = await ethers.provider.getNetwork();
    const domain = { name: "Furrow LP", version: "1", chainId, verifyingContract: await pair.getAddress() };
    for (const wrong of [sorted[0], sorted[sorted.length - 1]]) {
      // `wrong` signs a permit naming `owner`, with the owner's nonce and the pair's domain.
      const signed = ethers.Signature.from(
        await wrong.signTypedData(domain, PERMIT_TYPES, {
          owner: owner.address,
          spender: spender.address,
          value: 1n,
          nonce: 0n,
          deadline: MAX,
        }),
      );
      await expect(pair.permit(owner.address, spender.address, 1n, MAX, signed.v, signed.r, signed.s))
        .to.be.revertedWithCustomError(pair, "InvalidSignature")
        .withArgs(wrong.address, owner.address);
    }
    expect(await pair.allowance(owner.address, spender.address)).to.equal(0n);
    expect(await pair.nonces(owner.address)).to.equal(0n);
  });

  // TOR L58, L64, L70, L73, L76 (`msg.sender` -> `tx.origin` in approve, transfer, transferFrom):
  // every unit test calls from an EOA, where the two are equal. A contract holder and a contract
  // spender tell them apart (bob sends the contract's transactions).
  it("approves, transfers and spends allowances for the calling contract, not the transaction's sender", async function () {
    const { pair, alice, bob, carol, caller } = await loadFixture(lpFixture);
    const c = await caller.address();
    await caller.call(pair, pair.interface.encodeFunctionData("approve", [carol.address, 11n]));
    expect(await pair.allowance(c, carol.address)).to.equal(11n);
    expect(await pair.allowance(bob.address, carol.address)).to.equal(0n);

    await caller.call(pair, pair.interface.encodeFunctionData("transfer", [carol.address, 400n]));
    expect(await pair.balanceOf(c)).to.equal(600n);
    expect(await pair.balanceOf(carol.address)).to.equal(400n);

    // The contract spends alice's finite allowance; bob (tx.origin) has none.
    await pair.connect(alice).approve(c, 50n);
    await caller.call(
      pair,
      pair.interface.encodeFunctionData("transferFrom", [alice.address, carol.address, 20n]),
    );
    expect(await pair.allowance(alice.address, c)).to.equal(30n);
    expect(await pair.balanceOf(carol.address)).to.equal(420n);
    await expect(
      caller.call(
        pair,
        pair.interface.encodeFunctionData("transferFrom", [alice.address, carol.address, 31n]),
      ),
    )
      .to.be.revertedWithCustomError(pair, "InsufficientAllowance")
      .withArgs(c, 30n, 31n);
  });

  // BOR L85 (`block.chainid == _cachedChainId` -> `!=`, `<`, `>`, `<=`, `>=`): on the chain the
  // pair was deployed on, the cached and the recomputed domain are equal. A copy of the pair's
  // runtime code whose cached chain id names another chain (below or above this one) stands for
  // the pair seen from a fork or after a chain split: it must recompute, with its own address.
  it("recomputes the domain when the cached chain id is another chain's, below or above this one", async function () {
    const { pair } = await loadFixture(lpFixture);
    const { chainId } = await ethers.provider.getNetwork();
    const code = await ethers.provider.getCode(pair.getAddress());
    // The immutable _cachedChainId is a PUSH32 of the chain id in the runtime code.
    const word = "7f" + ethers.toBeHex(chainId, 32).slice(2);
    expect(code.split(word).length - 1).to.equal(1);
    for (const [i, otherChain] of [1n, chainId * 2n].entries()) {
      const copy = ethers.getAddress(ethers.toBeHex(0xc0de00n + BigInt(i), 20));
      await network.provider.send("hardhat_setCode", [
        copy,
        code.replace(word, "7f" + ethers.toBeHex(otherChain, 32).slice(2)),
      ]);
      const seen = await ethers.getContractAt("Pair", copy);
      expect(await seen.DOMAIN_SEPARATOR()).to.equal(
        ethers.TypedDataEncoder.hashDomain({
          name: "Furrow LP",
          version: "1",
          chainId,
          verifyingContract: copy,
        }),
      );
    }
  });
});
