import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { Signature, TypedDataEncoder, type BaseContract, type TypedDataDomain } from "ethers";
import { PERMIT_TYPES } from "../../src/chain/permit";
import {
  IERC20Metadata__factory,
  IERC20Permit__factory,
  IERC5267__factory,
  type IERC20Metadata,
  type IERC20Permit,
} from "../../typechain-types";

/** A custom error the token must revert with: its name, then its arguments. */
export type ExpectedError = [name: string, ...args: unknown[]];

/** The state every example starts from. */
export interface ERC20Setup {
  /** The token as deployed: its ABI decodes the custom errors. */
  token: BaseContract;
  /** Holds `balance`; `spender` and `recipient` hold nothing, and nobody has an allowance. */
  owner: HardhatEthersSigner;
  spender: HardhatEthersSigner;
  recipient: HardhatEthersSigner;
  balance: bigint;
  /** What `totalSupply()` must return in this state. */
  supply: bigint;
}

export interface ERC20Context {
  /** A named function (loadFixture refuses anonymous ones) building the setup. */
  fixture: () => Promise<ERC20Setup>;
  metadata: { name: string; symbol: string; decimals: bigint };
  errors: {
    insufficientBalance(account: string, balance: bigint, needed: bigint): ExpectedError;
    insufficientAllowance(spender: string, allowance: bigint, needed: bigint): ExpectedError;
    /** Only for tokens that refuse to send to address 0 (OpenZeppelin's do, V2's and WETH9 do not). */
    invalidReceiver?(receiver: string): ExpectedError;
  };
}

export interface ERC20PermitContext extends ERC20Context {
  /** The EIP-712 domain's name and version. */
  domain: { name: string; version: string };
  permitErrors: {
    /** A permit submitted at `now`, after its `deadline`. */
    expired(deadline: bigint, now: bigint): ExpectedError;
    /** The signature recovers `recovered`, not `owner`. */
    invalidSigner(recovered: string, owner: string): ExpectedError;
    /** v = 27, r = s = 0: no address can be recovered at all. */
    unrecoverable(owner: string): ExpectedError;
  };
}

/** The errors of OpenZeppelin 5's ERC20 (IERC20Errors). */
export const OPENZEPPELIN_ERC20_ERRORS: ERC20Context["errors"] = {
  insufficientBalance: (account, balance, needed) => ["ERC20InsufficientBalance", account, balance, needed],
  insufficientAllowance: (spender, allowance, needed) => [
    "ERC20InsufficientAllowance",
    spender,
    allowance,
    needed,
  ],
  invalidReceiver: (receiver) => ["ERC20InvalidReceiver", receiver],
};

/** The errors of OpenZeppelin 5's ERC20Permit (ERC2612*) and ECDSA. */
export const OPENZEPPELIN_PERMIT_ERRORS: ERC20PermitContext["permitErrors"] = {
  expired: (deadline) => ["ERC2612ExpiredSignature", deadline],
  invalidSigner: (recovered, owner) => ["ERC2612InvalidSigner", recovered, owner],
  unrecoverable: () => ["ECDSAInvalidSignature"],
};

interface PermitMessage {
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** Asserts that `call` reverts with `expected` on `token`. */
async function expectRevert(call: Promise<unknown>, token: BaseContract, expected: ExpectedError) {
  const [name, ...args] = expected;
  await expect(call)
    .to.be.revertedWithCustomError(token, name)
    .withArgs(...args);
}

/**
 * The ERC-20 behaviour every Furrow token shares: metadata, balances and supply, transfer,
 * approve, allowance, transferFrom (an infinite allowance is never spent), the events with their
 * arguments, and the custom errors with theirs; a failed call changes no balance or allowance.
 */
export function shouldBehaveLikeERC20(ctx: ERC20Context): void {
  async function setup() {
    const s = await loadFixture(ctx.fixture);
    const erc20: IERC20Metadata = IERC20Metadata__factory.connect(await s.token.getAddress(), s.owner);
    return { ...s, erc20 };
  }

  describe("ERC-20", function () {
    it("reports its name, symbol and decimals", async function () {
      const { erc20 } = await setup();
      expect(await erc20.name()).to.equal(ctx.metadata.name);
      expect(await erc20.symbol()).to.equal(ctx.metadata.symbol);
      expect(await erc20.decimals()).to.equal(ctx.metadata.decimals);
    });

    it("reports balances and the total supply", async function () {
      const { erc20, owner, spender, balance, supply } = await setup();
      expect(await erc20.balanceOf(owner.address)).to.equal(balance);
      expect(await erc20.balanceOf(spender.address)).to.equal(0n);
      expect(await erc20.totalSupply()).to.equal(supply);
    });

    describe("#transfer", function () {
      it("moves the amount, emits Transfer and keeps the supply", async function () {
        const { erc20, owner, recipient, balance, supply } = await setup();
        const amount = balance / 4n;
        expect(await erc20.transfer.staticCall(recipient.address, amount)).to.equal(true);
        await expect(erc20.transfer(recipient.address, amount))
          .to.emit(erc20, "Transfer")
          .withArgs(owner.address, recipient.address, amount);
        expect(await erc20.balanceOf(owner.address)).to.equal(balance - amount);
        expect(await erc20.balanceOf(recipient.address)).to.equal(amount);
        expect(await erc20.totalSupply()).to.equal(supply);
      });

      it("transfers the whole balance, and zero", async function () {
        const { erc20, owner, recipient, balance } = await setup();
        await erc20.transfer(recipient.address, balance);
        await expect(erc20.transfer(recipient.address, 0n))
          .to.emit(erc20, "Transfer")
          .withArgs(owner.address, recipient.address, 0n);
        expect(await erc20.balanceOf(owner.address)).to.equal(0n);
        expect(await erc20.balanceOf(recipient.address)).to.equal(balance);
      });

      it("leaves the balance as it was on a transfer to oneself", async function () {
        const { erc20, owner, balance } = await setup();
        await expect(erc20.transfer(owner.address, balance))
          .to.emit(erc20, "Transfer")
          .withArgs(owner.address, owner.address, balance);
        expect(await erc20.balanceOf(owner.address)).to.equal(balance);
      });

      it("reverts one wei past the balance, changing nothing", async function () {
        const { token, erc20, owner, recipient, balance } = await setup();
        await expectRevert(
          erc20.transfer(recipient.address, balance + 1n),
          token,
          ctx.errors.insufficientBalance(owner.address, balance, balance + 1n),
        );
        expect(await erc20.balanceOf(owner.address)).to.equal(balance);
        expect(await erc20.balanceOf(recipient.address)).to.equal(0n);
      });

      it("reverts from an empty account", async function () {
        const { token, erc20, spender, recipient } = await setup();
        await expectRevert(
          erc20.connect(spender).transfer(recipient.address, 1n),
          token,
          ctx.errors.insufficientBalance(spender.address, 0n, 1n),
        );
      });

      if (ctx.errors.invalidReceiver) {
        const invalidReceiver = ctx.errors.invalidReceiver;
        it("refuses to send to the zero address", async function () {
          const { token, erc20, owner, balance } = await setup();
          await expectRevert(
            erc20.transfer(ethers.ZeroAddress, 1n),
            token,
            invalidReceiver(ethers.ZeroAddress),
          );
          expect(await erc20.balanceOf(owner.address)).to.equal(balance);
        });
      }
    });

    describe("#approve", function () {
      it("sets the allowance and emits Approval", async function () {
        const { erc20, owner, spender, balance } = await setup();
        expect(await erc20.approve.staticCall(spender.address, balance)).to.equal(true);
        await expect(erc20.approve(spender.address, balance))
          .to.emit(erc20, "Approval")
          .withArgs(owner.address, spender.address, balance);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(balance);
        expect(await erc20.allowance(spender.address, owner.address)).to.equal(0n);
      });

      it("replaces the allowance, down to zero, and allows more than the balance", async function () {
        const { erc20, owner, spender, balance } = await setup();
        await erc20.approve(spender.address, 10n);
        await erc20.approve(spender.address, 3n);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(3n);
        await expect(erc20.approve(spender.address, 0n))
          .to.emit(erc20, "Approval")
          .withArgs(owner.address, spender.address, 0n);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(0n);
        await erc20.approve(spender.address, balance + 1n);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(balance + 1n);
      });
    });

    describe("#transferFrom", function () {
      it("spends the allowance, moves the amount and emits Transfer", async function () {
        const { erc20, owner, spender, recipient, balance } = await setup();
        const allowed = balance / 2n;
        const amount = balance / 8n;
        await erc20.approve(spender.address, allowed);
        expect(
          await erc20.connect(spender).transferFrom.staticCall(owner.address, recipient.address, amount),
        ).to.equal(true);
        await expect(erc20.connect(spender).transferFrom(owner.address, recipient.address, amount))
          .to.emit(erc20, "Transfer")
          .withArgs(owner.address, recipient.address, amount);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(allowed - amount);
        expect(await erc20.balanceOf(owner.address)).to.equal(balance - amount);
        expect(await erc20.balanceOf(recipient.address)).to.equal(amount);
        expect(await erc20.balanceOf(spender.address)).to.equal(0n);
      });

      it("spends an allowance exactly to zero", async function () {
        const { erc20, owner, spender, recipient } = await setup();
        await erc20.approve(spender.address, 7n);
        await erc20.connect(spender).transferFrom(owner.address, recipient.address, 7n);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(0n);
        expect(await erc20.balanceOf(recipient.address)).to.equal(7n);
      });

      it("never spends an infinite allowance", async function () {
        const { erc20, owner, spender, recipient, balance } = await setup();
        await erc20.approve(spender.address, ethers.MaxUint256);
        await erc20.connect(spender).transferFrom(owner.address, recipient.address, balance / 2n);
        await erc20.connect(spender).transferFrom(owner.address, recipient.address, balance / 2n);
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(ethers.MaxUint256);
        expect(await erc20.balanceOf(recipient.address)).to.equal((balance / 2n) * 2n);
      });

      it("reverts one wei past the allowance, changing nothing", async function () {
        const { token, erc20, owner, spender, recipient, balance } = await setup();
        const allowed = balance / 2n;
        await erc20.approve(spender.address, allowed);
        await expectRevert(
          erc20.connect(spender).transferFrom(owner.address, recipient.address, allowed + 1n),
          token,
          ctx.errors.insufficientAllowance(spender.address, allowed, allowed + 1n),
        );
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(allowed);
        expect(await erc20.balanceOf(owner.address)).to.equal(balance);
        expect(await erc20.balanceOf(recipient.address)).to.equal(0n);
      });

      it("reverts without any allowance", async function () {
        const { token, erc20, owner, spender, recipient } = await setup();
        await expectRevert(
          erc20.connect(spender).transferFrom(owner.address, recipient.address, 1n),
          token,
          ctx.errors.insufficientAllowance(spender.address, 0n, 1n),
        );
      });

      it("reverts past the balance even when the allowance covers it, changing nothing", async function () {
        const { token, erc20, owner, spender, recipient, balance } = await setup();
        await erc20.approve(spender.address, balance + 1n);
        await expectRevert(
          erc20.connect(spender).transferFrom(owner.address, recipient.address, balance + 1n),
          token,
          ctx.errors.insufficientBalance(owner.address, balance, balance + 1n),
        );
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(balance + 1n);
        expect(await erc20.balanceOf(owner.address)).to.equal(balance);
      });
    });
  });
}

/**
 * shouldBehaveLikeERC20, plus EIP-2612 permits over an ERC-5267 domain that follows the chain id:
 * valid, expired, replayed, tampered, foreign-chain, wrong-signer and unrecoverable signatures,
 * nonces, and DOMAIN_SEPARATOR.
 */
export function shouldBehaveLikeERC20Permit(ctx: ERC20PermitContext): void {
  shouldBehaveLikeERC20(ctx);

  async function setup() {
    const s = await loadFixture(ctx.fixture);
    const address = await s.token.getAddress();
    const erc20: IERC20Metadata = IERC20Metadata__factory.connect(address, s.owner);
    const permit: IERC20Permit = IERC20Permit__factory.connect(address, s.recipient);
    const { chainId } = await ethers.provider.getNetwork();
    const domain: TypedDataDomain = { ...ctx.domain, chainId, verifyingContract: address };
    const deadline = BigInt(await time.latest()) + 3_600n;
    return { ...s, erc20, permit, domain, deadline };
  }

  /**
   * `signer`'s permit signature over `message`, in the domain the token must have (built from the
   * context, the chain id and the token's address, never read from the token itself).
   */
  async function sign(
    signer: HardhatEthersSigner,
    domain: TypedDataDomain,
    message: PermitMessage,
  ): Promise<Signature> {
    return Signature.from(await signer.signTypedData(domain, PERMIT_TYPES, message));
  }

  /** The address the token recovers from `sig` over `message` in `domain`. */
  function recovered(domain: TypedDataDomain, message: PermitMessage, sig: Signature): string {
    return ethers.verifyTypedData(domain, PERMIT_TYPES, message, sig);
  }

  describe("EIP-2612 permit", function () {
    it("has an ERC-5267 domain of this chain and this contract, and DOMAIN_SEPARATOR hashes it", async function () {
      const { token, permit, domain } = await setup();
      const eip5267 = IERC5267__factory.connect(await token.getAddress(), ethers.provider);
      expect(await eip5267.eip712Domain()).to.deep.equal([
        "0x0f", // name, version, chainId, verifyingContract
        ctx.domain.name,
        ctx.domain.version,
        31337n,
        await token.getAddress(),
        ethers.ZeroHash,
        [],
      ]);
      expect(await permit.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(domain));
    });

    it("starts every nonce at zero", async function () {
      const { permit, owner, spender } = await setup();
      expect(await permit.nonces(owner.address)).to.equal(0n);
      expect(await permit.nonces(spender.address)).to.equal(0n);
    });

    it("sets the allowance from the owner's signature, bumps the nonce and emits Approval", async function () {
      const { token, erc20, permit, owner, spender, recipient, balance, domain, deadline } = await setup();
      const sig = await sign(owner, domain, {
        owner: owner.address,
        spender: spender.address,
        value: balance,
        nonce: 0n,
        deadline,
      });
      await expect(permit.permit(owner.address, spender.address, balance, deadline, sig.v, sig.r, sig.s))
        .to.emit(token, "Approval")
        .withArgs(owner.address, spender.address, balance);
      expect(await erc20.allowance(owner.address, spender.address)).to.equal(balance);
      expect(await permit.nonces(owner.address)).to.equal(1n);
      // The spender pulls without the owner ever sending a transaction.
      await erc20.connect(spender).transferFrom(owner.address, recipient.address, balance);
      expect(await erc20.balanceOf(recipient.address)).to.equal(balance);
      expect(await erc20.balanceOf(owner.address)).to.equal(0n);
    });

    it("counts one nonce per permit, and replaces the allowance each time", async function () {
      const { erc20, permit, owner, spender, domain, deadline } = await setup();
      for (const [i, value] of [5n, 2n, ethers.MaxUint256].entries()) {
        const sig = await sign(owner, domain, {
          owner: owner.address,
          spender: spender.address,
          value,
          nonce: BigInt(i),
          deadline,
        });
        await permit.permit(owner.address, spender.address, value, deadline, sig.v, sig.r, sig.s);
        expect(await permit.nonces(owner.address)).to.equal(BigInt(i + 1));
        expect(await erc20.allowance(owner.address, spender.address)).to.equal(value);
      }
      expect(await permit.nonces(spender.address)).to.equal(0n);
    });

    it("accepts a permit in the very second of its deadline", async function () {
      const { erc20, permit, owner, spender, domain } = await setup();
      const deadline = BigInt(await time.latest()) + 100n;
      const sig = await sign(owner, domain, {
        owner: owner.address,
        spender: spender.address,
        value: 1n,
        nonce: 0n,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline);
      await permit.permit(owner.address, spender.address, 1n, deadline, sig.v, sig.r, sig.s);
      expect(await erc20.allowance(owner.address, spender.address)).to.equal(1n);
    });

    it("rejects a permit one second after its deadline, changing nothing", async function () {
      const { token, erc20, permit, owner, spender, domain } = await setup();
      const deadline = BigInt(await time.latest()) + 100n;
      const sig = await sign(owner, domain, {
        owner: owner.address,
        spender: spender.address,
        value: 1n,
        nonce: 0n,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline + 1n);
      await expectRevert(
        permit.permit(owner.address, spender.address, 1n, deadline, sig.v, sig.r, sig.s),
        token,
        ctx.permitErrors.expired(deadline, deadline + 1n),
      );
      expect(await erc20.allowance(owner.address, spender.address)).to.equal(0n);
      expect(await permit.nonces(owner.address)).to.equal(0n);
    });

    it("rejects a replayed signature: the nonce has moved on, so another signer is recovered", async function () {
      const { token, erc20, permit, owner, spender, recipient, domain, deadline } = await setup();
      const sig = await sign(owner, domain, {
        owner: owner.address,
        spender: spender.address,
        value: 400n,
        nonce: 0n,
        deadline,
      });
      await permit.permit(owner.address, spender.address, 400n, deadline, sig.v, sig.r, sig.s);
      await erc20.connect(spender).transferFrom(owner.address, recipient.address, 400n);
      const replayed = { owner: owner.address, spender: spender.address, value: 400n, nonce: 1n, deadline };
      const signer = recovered(domain, replayed, sig);
      expect(signer).to.not.equal(owner.address);
      await expectRevert(
        permit.permit(owner.address, spender.address, 400n, deadline, sig.v, sig.r, sig.s),
        token,
        ctx.permitErrors.invalidSigner(signer, owner.address),
      );
      expect(await erc20.allowance(owner.address, spender.address)).to.equal(0n);
      expect(await permit.nonces(owner.address)).to.equal(1n);
    });

    it("rejects a permit someone else signed for the owner, naming the signer", async function () {
      const { token, erc20, permit, owner, spender, domain, deadline } = await setup();
      const message = { owner: owner.address, spender: spender.address, value: 1_000n, nonce: 0n, deadline };
      const sig = await sign(spender, domain, message);
      await expectRevert(
        permit.permit(owner.address, spender.address, 1_000n, deadline, sig.v, sig.r, sig.s),
        token,
        ctx.permitErrors.invalidSigner(spender.address, owner.address),
      );
      expect(await erc20.allowance(owner.address, spender.address)).to.equal(0n);
      expect(await permit.nonces(owner.address)).to.equal(0n);
    });

    it("rejects a signature whose value was tampered with", async function () {
      const { token, permit, owner, spender, domain, deadline } = await setup();
      const sig = await sign(owner, domain, {
        owner: owner.address,
        spender: spender.address,
        value: 1n,
        nonce: 0n,
        deadline,
      });
      const tampered = { owner: owner.address, spender: spender.address, value: 1_000n, nonce: 0n, deadline };
      await expectRevert(
        permit.permit(owner.address, spender.address, 1_000n, deadline, sig.v, sig.r, sig.s),
        token,
        ctx.permitErrors.invalidSigner(recovered(domain, tampered, sig), owner.address),
      );
    });

    it("rejects a permit signed for another chain id", async function () {
      const { token, permit, owner, spender, domain, deadline } = await setup();
      const message = { owner: owner.address, spender: spender.address, value: 1n, nonce: 0n, deadline };
      const sig = await sign(owner, { ...domain, chainId: 1n }, message);
      await expectRevert(
        permit.permit(owner.address, spender.address, 1n, deadline, sig.v, sig.r, sig.s),
        token,
        ctx.permitErrors.invalidSigner(recovered(domain, message, sig), owner.address),
      );
    });

    it("rejects a signature no address can be recovered from", async function () {
      const { token, permit, owner, spender, deadline } = await setup();
      await expectRevert(
        permit.permit(owner.address, spender.address, 1n, deadline, 27, ethers.ZeroHash, ethers.ZeroHash),
        token,
        ctx.permitErrors.unrecoverable(owner.address),
      );
      expect(await permit.nonces(owner.address)).to.equal(0n);
    });
  });
}
