import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18, mintDirect } from "../fixtures";
import { signPermit } from "../../src/chain/permit";

const MAX = ethers.MaxUint256;

describe("LPToken (the pair's ERC-20 + EIP-2612)", function () {
  async function lpFixture() {
    const f = await ammFixture();
    await mintDirect(f.pair, f.token0, f.token1, 10n * E18, 10n * E18, f.alice); // alice: 10e18 - 1000 LP
    return f;
  }

  it("has V2-style metadata and an ERC-5267 domain", async function () {
    const { pair } = await loadFixture(ammFixture);
    expect(await pair.name()).to.equal("Furrow LP");
    expect(await pair.symbol()).to.equal("FURROW-LP");
    expect(await pair.decimals()).to.equal(18n);
    const { chainId } = await ethers.provider.getNetwork();
    const domain = await pair.eip712Domain();
    expect(domain).to.deep.equal([
      "0x0f",
      "Furrow LP",
      "1",
      chainId,
      await pair.getAddress(),
      ethers.ZeroHash,
      [],
    ]);
    expect(await pair.PERMIT_TYPEHASH()).to.equal(
      ethers.id("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
    );
    expect(await pair.DOMAIN_SEPARATOR()).to.equal(
      ethers.TypedDataEncoder.hashDomain({
        name: "Furrow LP",
        version: "1",
        chainId,
        verifyingContract: await pair.getAddress(),
      }),
    );
  });

  describe("transfers", function () {
    it("transfer moves balances and emits Transfer", async function () {
      const { pair, alice, bob } = await loadFixture(lpFixture);
      await expect(pair.connect(alice).transfer(bob.address, 5n))
        .to.emit(pair, "Transfer")
        .withArgs(alice.address, bob.address, 5n);
      expect(await pair.balanceOf(bob.address)).to.equal(5n);
      await expect(pair.connect(bob).transfer(alice.address, 6n))
        .to.be.revertedWithCustomError(pair, "InsufficientBalance")
        .withArgs(bob.address, 5n, 6n);
    });

    it("transferFrom spends a finite allowance and never an infinite one", async function () {
      const { pair, alice, bob, carol } = await loadFixture(lpFixture);
      await expect(pair.connect(alice).approve(bob.address, 10n))
        .to.emit(pair, "Approval")
        .withArgs(alice.address, bob.address, 10n);
      await pair.connect(bob).transferFrom(alice.address, carol.address, 4n);
      expect(await pair.allowance(alice.address, bob.address)).to.equal(6n);
      await expect(pair.connect(bob).transferFrom(alice.address, carol.address, 7n))
        .to.be.revertedWithCustomError(pair, "InsufficientAllowance")
        .withArgs(bob.address, 6n, 7n);
      await pair.connect(alice).approve(bob.address, MAX);
      await pair.connect(bob).transferFrom(alice.address, carol.address, 4n);
      expect(await pair.allowance(alice.address, bob.address)).to.equal(MAX);
      expect(await pair.balanceOf(carol.address)).to.equal(8n);
    });
  });

  describe("#permit", function () {
    it("sets the allowance from the owner's signature and bumps the nonce", async function () {
      const { pair, alice, bob } = await loadFixture(lpFixture);
      const sig = await signPermit(pair, alice, bob.address, 123n, MAX);
      await expect(pair.permit(alice.address, bob.address, 123n, MAX, sig.v, sig.r, sig.s))
        .to.emit(pair, "Approval")
        .withArgs(alice.address, bob.address, 123n);
      expect(await pair.allowance(alice.address, bob.address)).to.equal(123n);
      expect(await pair.nonces(alice.address)).to.equal(1n);
      // Replaying the same signature now recovers a different signer (nonce moved on).
      await expect(
        pair.permit(alice.address, bob.address, 123n, MAX, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(pair, "InvalidSignature");
    });

    it("rejects an expired deadline, a wrong signer and a malformed signature", async function () {
      const { pair, alice, bob } = await loadFixture(lpFixture);
      const now = BigInt(await time.latest());
      const expired = await signPermit(pair, alice, bob.address, 1n, now);
      await expect(pair.permit(alice.address, bob.address, 1n, now, expired.v, expired.r, expired.s))
        .to.be.revertedWithCustomError(pair, "PermitExpired")
        .withArgs(now, now + 1n);
      // Bob signs a permit naming alice as owner.
      const { chainId } = await ethers.provider.getNetwork();
      const byBob = ethers.Signature.from(
        await bob.signTypedData(
          { name: "Furrow LP", version: "1", chainId, verifyingContract: await pair.getAddress() },
          {
            Permit: [
              { name: "owner", type: "address" },
              { name: "spender", type: "address" },
              { name: "value", type: "uint256" },
              { name: "nonce", type: "uint256" },
              { name: "deadline", type: "uint256" },
            ],
          },
          { owner: alice.address, spender: bob.address, value: 1n, nonce: 0n, deadline: MAX },
        ),
      );
      await expect(pair.permit(alice.address, bob.address, 1n, MAX, byBob.v, byBob.r, byBob.s))
        .to.be.revertedWithCustomError(pair, "InvalidSignature")
        .withArgs(bob.address, alice.address);
      await expect(pair.permit(alice.address, bob.address, 1n, MAX, 27, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(pair, "InvalidSignature")
        .withArgs(ethers.ZeroAddress, alice.address);
    });
  });
});
