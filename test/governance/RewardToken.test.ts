import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  BrowserProvider,
  Signature,
  TypedDataEncoder,
  Wallet,
  type Signer,
  type TypedDataDomain,
} from "ethers";
import { createProvider } from "hardhat/internal/core/providers/construction";
import { E18, tokenFixture } from "../fixtures";
import { PERMIT_TYPES, signPermit } from "../../src/chain/permit";
import {
  OPENZEPPELIN_ERC20_ERRORS,
  OPENZEPPELIN_PERMIT_ERRORS,
  shouldBehaveLikeERC20Permit,
  type ERC20Setup,
} from "../behaviours/erc20";
import { RewardToken__factory, type RewardToken } from "../../typechain-types";

const MAX_SUPPLY = 100_000_000n * E18;
const MINTER_ROLE = ethers.id("MINTER_ROLE");
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;

const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
};

/** The token's EIP-712 domain as it reports it (ERC-5267). */
async function domainOf(token: RewardToken): Promise<TypedDataDomain> {
  const [, name, version, chainId, verifyingContract] = await token.eip712Domain();
  return { name, version, chainId, verifyingContract };
}

/** Sum of the balances of `holders` grouped by delegate: what every delegate's votes must be. */
async function expectVotesToMatchDelegatedBalances(token: RewardToken, holders: string[]): Promise<void> {
  const expected = new Map<string, bigint>();
  for (const h of holders) {
    const d = await token.delegates(h);
    if (d === ethers.ZeroAddress) continue;
    expected.set(d, (expected.get(d) ?? 0n) + (await token.balanceOf(h)));
  }
  for (const account of new Set([...holders, ...expected.keys()])) {
    expect(await token.getVotes(account), `votes of ${account}`).to.equal(expected.get(account) ?? 0n);
  }
}

/** alice 1,000 FUR, bob 500 FUR, nobody delegated yet. */
async function fundedFixture() {
  const base = await tokenFixture();
  await base.token.mint(base.alice.address, 1_000n * E18);
  await base.token.mint(base.bob.address, 500n * E18);
  return base;
}

describe("RewardToken", function () {
  /** alice holds 1,000 FUR and bob 500; carol and dave, the spender and recipient, hold nothing. */
  async function furERC20Fixture(): Promise<ERC20Setup> {
    const { token, alice, carol, dave } = await fundedFixture();
    return {
      token,
      owner: alice,
      spender: carol,
      recipient: dave,
      balance: 1_000n * E18,
      supply: 1_500n * E18,
    };
  }

  // OpenZeppelin 5's ERC20 and ERC20Permit errors (IERC20Errors, ERC2612*, ECDSA).
  shouldBehaveLikeERC20Permit({
    fixture: furERC20Fixture,
    metadata: { name: "Furrow", symbol: "FUR", decimals: 18n },
    errors: OPENZEPPELIN_ERC20_ERRORS,
    domain: { name: "Furrow", version: "1" },
    permitErrors: OPENZEPPELIN_PERMIT_ERRORS,
  });

  describe("metadata", function () {
    it("is named Furrow with symbol FUR and 18 decimals", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.name()).to.equal("Furrow");
      expect(await token.symbol()).to.equal("FUR");
      expect(await token.decimals()).to.equal(18n);
    });

    it("caps the supply at 100,000,000 FUR and starts with none minted", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.MAX_SUPPLY()).to.equal(MAX_SUPPLY);
      expect(await token.totalSupply()).to.equal(0n);
      expect(await token.mintableSupply()).to.equal(MAX_SUPPLY);
    });

    it("names the minter role keccak256('MINTER_ROLE')", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.MINTER_ROLE()).to.equal(MINTER_ROLE);
    });
  });

  describe("#constructor", function () {
    it("gives the admin DEFAULT_ADMIN_ROLE only (minting needs an explicit grant)", async function () {
      const [deployer, admin] = await ethers.getSigners();
      const token = await ethers.deployContract("RewardToken", [admin.address], deployer);
      await expect(token.deploymentTransaction())
        .to.emit(token, "RoleGranted")
        .withArgs(DEFAULT_ADMIN_ROLE, admin.address, deployer.address);
      expect(await token.hasRole(DEFAULT_ADMIN_ROLE, admin.address)).to.equal(true);
      expect(await token.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
      expect(await token.hasRole(MINTER_ROLE, admin.address)).to.equal(false);
      expect(await token.getRoleAdmin(MINTER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
    });
  });

  describe("EIP-712 domain on a fork", function () {
    describe("when the same code runs on a chain with another id (a fork)", function () {
      // The contract caches its domain separator for the deployment chain in immutables. We copy its
      // runtime code, immutables included, to the same address on a second in-process chain whose id
      // is 1: exactly what a fork with a new chain id does to a deployed token. The second chain
      // cannot be snapshotted by loadFixture, so every test builds its own.
      async function forkedToken() {
        const { token } = await loadFixture(tokenFixture);
        const address = await token.getAddress();
        const networks = { ...hre.config.networks, hardhat: { ...hre.config.networks.hardhat, chainId: 1 } };
        const otherChain = await createProvider({ ...hre.config, networks }, "hardhat", hre.artifacts);
        await otherChain.request({
          method: "hardhat_setCode",
          params: [address, await ethers.provider.getCode(address)],
        });
        const provider = new BrowserProvider(otherChain, undefined, { pollingInterval: 10 });
        const submitter = await provider.getSigner(0);
        const forked = RewardToken__factory.connect(address, submitter);
        // A key with no history on either chain signs the permits.
        const owner = new Wallet(ethers.id("furrow:permit-owner"));
        return { token, forked, owner, spender: await submitter.getAddress() };
      }

      it("recomputes the domain for the new chain id", async function () {
        const { token, forked } = await forkedToken();
        const domain = await domainOf(forked);
        expect(domain.chainId).to.equal(1n);
        expect(domain.verifyingContract).to.equal(await token.getAddress());
        expect(await forked.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(domain));
        expect(await forked.DOMAIN_SEPARATOR()).to.not.equal(await token.DOMAIN_SEPARATOR());
      });

      it("accepts permits signed for the new chain id", async function () {
        const { forked, owner, spender } = await forkedToken();
        const deadline = 2n ** 40n;
        const sig = await signPermit(forked, owner, spender, 7n * E18, deadline);
        const tx = await forked.permit(owner.address, spender, 7n * E18, deadline, sig.v, sig.r, sig.s);
        expect((await tx.wait())?.status).to.equal(1);
        expect(await forked.allowance(owner.address, spender)).to.equal(7n * E18);
        expect(await forked.nonces(owner.address)).to.equal(1n);
      });

      it("rejects permits signed for the original chain id (no cross-chain replay)", async function () {
        const { token, forked, owner, spender } = await forkedToken();
        const deadline = 2n ** 40n;
        const message = { owner: owner.address, spender, value: 7n * E18, nonce: 0n, deadline };
        const sig = await signPermit(token, owner, spender, 7n * E18, deadline); // domain of chain 31337
        const recovered = ethers.verifyTypedData(await domainOf(forked), PERMIT_TYPES, message, sig);
        await expect(
          forked.permit.staticCall(owner.address, spender, 7n * E18, deadline, sig.v, sig.r, sig.s),
        )
          .to.be.revertedWithCustomError(forked, "ERC2612InvalidSigner")
          .withArgs(recovered, owner.address);
      });
    });
  });

  describe("clock (ERC-6372)", function () {
    it("reads the block timestamp and says mode=timestamp", async function () {
      const { token } = await loadFixture(tokenFixture);
      const next = (await time.latest()) + 1_000;
      await time.setNextBlockTimestamp(next);
      await ethers.provider.send("evm_mine", []);
      expect(await token.clock()).to.equal(BigInt(next));
      expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
    });

    it("keys vote checkpoints by the timestamp of the block that wrote them", async function () {
      const { token, alice } = await loadFixture(fundedFixture);
      const at = (await time.latest()) + 500;
      await time.setNextBlockTimestamp(at);
      await token.connect(alice).delegate(alice.address);
      expect(await token.numCheckpoints(alice.address)).to.equal(1n);
      const [key, value] = await token.checkpoints(alice.address, 0);
      expect(key).to.equal(BigInt(at));
      expect(value).to.equal(1_000n * E18);
    });
  });

  describe("votes and delegation", function () {
    it("gives undelegated balances no votes", async function () {
      const { token, alice } = await loadFixture(fundedFixture);
      expect(await token.delegates(alice.address)).to.equal(ethers.ZeroAddress);
      expect(await token.getVotes(alice.address)).to.equal(0n);
    });

    it("turns the whole balance into votes on self-delegation, with both events", async function () {
      const { token, alice } = await loadFixture(fundedFixture);
      await expect(token.connect(alice).delegate(alice.address))
        .to.emit(token, "DelegateChanged")
        .withArgs(alice.address, ethers.ZeroAddress, alice.address)
        .and.to.emit(token, "DelegateVotesChanged")
        .withArgs(alice.address, 0n, 1_000n * E18);
      expect(await token.getVotes(alice.address)).to.equal(1_000n * E18);
    });

    it("moves all the votes on redelegation", async function () {
      const { token, alice, carol, dave } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(carol.address);
      await expect(token.connect(alice).delegate(dave.address))
        .to.emit(token, "DelegateChanged")
        .withArgs(alice.address, carol.address, dave.address)
        .and.to.emit(token, "DelegateVotesChanged")
        .withArgs(carol.address, 1_000n * E18, 0n)
        .and.to.emit(token, "DelegateVotesChanged")
        .withArgs(dave.address, 0n, 1_000n * E18);
      expect(await token.getVotes(carol.address)).to.equal(0n);
      expect(await token.getVotes(dave.address)).to.equal(1_000n * E18);
    });

    it("moves votes with transfers between the delegates of sender and receiver", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(carol.address);
      await token.connect(bob).delegate(dave.address);
      await expect(token.connect(alice).transfer(bob.address, 300n * E18))
        .to.emit(token, "DelegateVotesChanged")
        .withArgs(carol.address, 1_000n * E18, 700n * E18)
        .and.to.emit(token, "DelegateVotesChanged")
        .withArgs(dave.address, 500n * E18, 800n * E18);
      expect(await token.getVotes(carol.address)).to.equal(700n * E18);
      expect(await token.getVotes(dave.address)).to.equal(800n * E18);
      await expectVotesToMatchDelegatedBalances(token, [alice.address, bob.address]);
    });

    it("removes votes when tokens go to an account that has not delegated", async function () {
      const { token, alice, carol } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(alice.address);
      await token.connect(alice).transfer(carol.address, 400n * E18);
      expect(await token.getVotes(alice.address)).to.equal(600n * E18);
      expect(await token.getVotes(carol.address)).to.equal(0n);
      await token.connect(carol).delegate(carol.address);
      expect(await token.getVotes(carol.address)).to.equal(400n * E18);
    });

    it("cannot count the same tokens twice (SushiToken's transfer-after-delegate bug)", async function () {
      // SushiToken moved votes only in delegate(): delegating, transferring the tokens and having
      // the receiver delegate again counted the same tokens for two delegates.
      const { token, alice, bob, carol, dave } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(carol.address);
      await token.connect(alice).transfer(bob.address, 1_000n * E18);
      await token.connect(bob).delegate(dave.address);
      expect(await token.getVotes(carol.address)).to.equal(0n);
      expect(await token.getVotes(dave.address)).to.equal(1_500n * E18);
      expect((await token.getVotes(carol.address)) + (await token.getVotes(dave.address))).to.equal(
        await token.totalSupply(),
      );
      // And back to a holder who delegates to the first delegate: still counted once.
      await token.connect(bob).transfer(alice.address, 1_500n * E18);
      expect(await token.getVotes(carol.address)).to.equal(1_500n * E18);
      expect(await token.getVotes(dave.address)).to.equal(0n);
      await expectVotesToMatchDelegatedBalances(token, [
        alice.address,
        bob.address,
        carol.address,
        dave.address,
      ]);
    });

    it("adds minted tokens to the receiver's delegate", async function () {
      const { token, alice, carol } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(carol.address);
      await expect(token.mint(alice.address, 250n * E18))
        .to.emit(token, "DelegateVotesChanged")
        .withArgs(carol.address, 1_000n * E18, 1_250n * E18);
      expect(await token.getVotes(carol.address)).to.equal(1_250n * E18);
    });

    it("takes burned tokens from the holder's delegate", async function () {
      const { token, alice, carol } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(carol.address);
      await expect(token.connect(alice).burn(100n * E18))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, ethers.ZeroAddress, 100n * E18)
        .and.to.emit(token, "DelegateVotesChanged")
        .withArgs(carol.address, 1_000n * E18, 900n * E18);
      expect(await token.balanceOf(alice.address)).to.equal(900n * E18);
      expect(await token.totalSupply()).to.equal(1_400n * E18);
      expect(await token.getVotes(carol.address)).to.equal(900n * E18);
    });

    it("takes tokens burned by burnFrom from the holder's delegate, spending the allowance", async function () {
      const { token, alice, bob, carol } = await loadFixture(fundedFixture);
      await token.connect(alice).delegate(carol.address);
      await token.connect(bob).delegate(bob.address);
      await token.connect(alice).approve(bob.address, 300n * E18);
      await token.connect(bob).burnFrom(alice.address, 200n * E18);
      expect(await token.allowance(alice.address, bob.address)).to.equal(100n * E18);
      expect(await token.balanceOf(alice.address)).to.equal(800n * E18);
      expect(await token.getVotes(carol.address)).to.equal(800n * E18);
      expect(await token.getVotes(bob.address)).to.equal(500n * E18);
      await expectVotesToMatchDelegatedBalances(token, [alice.address, bob.address, carol.address]);
    });

    it("reverts burnFrom past the allowance with ERC20InsufficientAllowance", async function () {
      const { token, alice, bob } = await loadFixture(fundedFixture);
      await token.connect(alice).approve(bob.address, 300n * E18);
      await expect(token.connect(bob).burnFrom(alice.address, 300n * E18 + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(bob.address, 300n * E18, 300n * E18 + 1n);
      expect(await token.totalSupply()).to.equal(1_500n * E18);
    });

    it("reverts a burn past the balance with ERC20InsufficientBalance", async function () {
      const { token, bob } = await loadFixture(fundedFixture);
      await expect(token.connect(bob).burn(500n * E18 + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(bob.address, 500n * E18, 500n * E18 + 1n);
    });

    describe("#delegateBySig", function () {
      async function signDelegation(
        token: RewardToken,
        signer: Signer,
        delegatee: string,
        nonce: bigint,
        expiry: bigint,
      ) {
        const message = { delegatee, nonce, expiry };
        return Signature.from(await signer.signTypedData(await domainOf(token), DELEGATION_TYPES, message));
      }

      it("delegates for the signer and uses its nonce", async function () {
        const { token, alice, carol } = await loadFixture(fundedFixture);
        const expiry = BigInt(await time.latest()) + 3_600n;
        const sig = await signDelegation(token, alice, carol.address, 0n, expiry);
        await expect(token.connect(carol).delegateBySig(carol.address, 0n, expiry, sig.v, sig.r, sig.s))
          .to.emit(token, "DelegateChanged")
          .withArgs(alice.address, ethers.ZeroAddress, carol.address);
        expect(await token.getVotes(carol.address)).to.equal(1_000n * E18);
        expect(await token.nonces(alice.address)).to.equal(1n);
      });

      it("reverts with VotesExpiredSignature(expiry) after the expiry", async function () {
        const { token, alice, carol } = await loadFixture(fundedFixture);
        const expiry = BigInt(await time.latest()) + 10n;
        const sig = await signDelegation(token, alice, carol.address, 0n, expiry);
        await time.setNextBlockTimestamp(expiry + 1n);
        await expect(token.delegateBySig(carol.address, 0n, expiry, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "VotesExpiredSignature")
          .withArgs(expiry);
      });

      it("reverts a replay with InvalidAccountNonce(signer, currentNonce)", async function () {
        const { token, alice, carol } = await loadFixture(fundedFixture);
        const expiry = BigInt(await time.latest()) + 3_600n;
        const sig = await signDelegation(token, alice, carol.address, 0n, expiry);
        await token.delegateBySig(carol.address, 0n, expiry, sig.v, sig.r, sig.s);
        await expect(token.delegateBySig(carol.address, 0n, expiry, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "InvalidAccountNonce")
          .withArgs(alice.address, 1n);
      });
    });
  });

  describe("past votes and supply", function () {
    // alice and bob self-delegate; then, one block each: T1 mint alice 100, T2 alice → bob 30,
    // T3 bob burns 10, T4 alice redelegates to carol, T5 an empty block.
    async function historyFixture() {
      const { token, alice, bob, carol } = await tokenFixture();
      await token.connect(alice).delegate(alice.address);
      await token.connect(bob).delegate(bob.address);
      const T1 = (await time.latest()) + 100;
      const [T2, T3, T4, T5] = [T1 + 60, T1 + 120, T1 + 180, T1 + 240];
      await time.setNextBlockTimestamp(T1);
      await token.mint(alice.address, 100n * E18);
      await time.setNextBlockTimestamp(T2);
      await token.connect(alice).transfer(bob.address, 30n * E18);
      await time.setNextBlockTimestamp(T3);
      await token.connect(bob).burn(10n * E18);
      await time.setNextBlockTimestamp(T4);
      await token.connect(alice).delegate(carol.address);
      await time.setNextBlockTimestamp(T5);
      await ethers.provider.send("evm_mine", []);
      return { token, alice, bob, carol, T1, T2, T3, T4, T5 };
    }

    it("returns each account's votes as they were at every earlier timestamp", async function () {
      const { token, alice, bob, carol, T1, T2, T3, T4 } = await loadFixture(historyFixture);
      // [timepoint, alice, bob, carol]
      const rows: [number, bigint, bigint, bigint][] = [
        [T1 - 1, 0n, 0n, 0n],
        [T1, 100n, 0n, 0n],
        [T2 - 1, 100n, 0n, 0n],
        [T2, 70n, 30n, 0n],
        [T3, 70n, 20n, 0n],
        [T4 - 1, 70n, 20n, 0n],
        [T4, 0n, 20n, 70n],
      ];
      for (const [t, a, b, c] of rows) {
        expect(await token.getPastVotes(alice.address, t), `alice at ${t}`).to.equal(a * E18);
        expect(await token.getPastVotes(bob.address, t), `bob at ${t}`).to.equal(b * E18);
        expect(await token.getPastVotes(carol.address, t), `carol at ${t}`).to.equal(c * E18);
      }
    });

    it("returns the total supply as it was at every earlier timestamp", async function () {
      const { token, T1, T2, T3, T4 } = await loadFixture(historyFixture);
      const rows: [number, bigint][] = [
        [T1 - 1, 0n],
        [T1, 100n],
        [T2, 100n],
        [T3 - 1, 100n],
        [T3, 90n],
        [T4, 90n],
      ];
      for (const [t, supply] of rows) {
        expect(await token.getPastTotalSupply(t), `supply at ${t}`).to.equal(supply * E18);
      }
    });

    it("refuses to look up the present or the future with ERC5805FutureLookup(timepoint, clock)", async function () {
      const { token, alice, T5 } = await loadFixture(historyFixture);
      expect(await token.clock()).to.equal(BigInt(T5));
      await expect(token.getPastVotes(alice.address, T5))
        .to.be.revertedWithCustomError(token, "ERC5805FutureLookup")
        .withArgs(T5, T5);
      await expect(token.getPastTotalSupply(T5 + 1))
        .to.be.revertedWithCustomError(token, "ERC5805FutureLookup")
        .withArgs(T5 + 1, T5);
    });
  });

  describe("#mint and the supply cap", function () {
    it("mints to the receiver and emits Transfer from the zero address", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.mint(alice.address, 42n * E18))
        .to.emit(token, "Transfer")
        .withArgs(ethers.ZeroAddress, alice.address, 42n * E18);
      expect(await token.balanceOf(alice.address)).to.equal(42n * E18);
      expect(await token.mintableSupply()).to.equal(MAX_SUPPLY - 42n * E18);
    });

    it("mints exactly up to MAX_SUPPLY, then not one wei more", async function () {
      const { token, alice, bob } = await loadFixture(tokenFixture);
      await token.mint(alice.address, MAX_SUPPLY - 1n);
      await token.mint(bob.address, 1n);
      expect(await token.totalSupply()).to.equal(MAX_SUPPLY);
      expect(await token.mintableSupply()).to.equal(0n);
      await expect(token.mint(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ExceedsMaxSupply")
        .withArgs(1n, 0n);
      expect(await token.balanceOf(bob.address)).to.equal(1n);
    });

    it("reverts a single mint of MAX_SUPPLY + 1 with ExceedsMaxSupply(amount, mintable)", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.mint(alice.address, MAX_SUPPLY + 1n))
        .to.be.revertedWithCustomError(token, "ExceedsMaxSupply")
        .withArgs(MAX_SUPPLY + 1n, MAX_SUPPLY);
      expect(await token.totalSupply()).to.equal(0n);
    });

    it("reverts one wei past a partly used cap, naming what is left", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await token.mint(alice.address, 60_000_000n * E18);
      await expect(token.mint(alice.address, 40_000_000n * E18 + 1n))
        .to.be.revertedWithCustomError(token, "ExceedsMaxSupply")
        .withArgs(40_000_000n * E18 + 1n, 40_000_000n * E18);
    });

    it("frees room under the cap when tokens are burned", async function () {
      const { token, alice, bob } = await loadFixture(tokenFixture);
      await token.mint(alice.address, MAX_SUPPLY);
      await token.connect(alice).burn(5n * E18);
      await token.connect(alice).approve(bob.address, 3n * E18);
      await token.connect(bob).burnFrom(alice.address, 3n * E18);
      expect(await token.mintableSupply()).to.equal(8n * E18);
      await expect(token.mint(bob.address, 8n * E18 + 1n))
        .to.be.revertedWithCustomError(token, "ExceedsMaxSupply")
        .withArgs(8n * E18 + 1n, 8n * E18);
      await token.mint(bob.address, 8n * E18);
      expect(await token.totalSupply()).to.equal(MAX_SUPPLY);
      expect(await token.mintableSupply()).to.equal(0n);
    });

    it("reverts a mint to the zero address with ERC20InvalidReceiver", async function () {
      const { token } = await loadFixture(tokenFixture);
      await expect(token.mint(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("roles", function () {
    it("reverts a mint by an account without MINTER_ROLE, naming the account and role", async function () {
      const { token, alice } = await loadFixture(tokenFixture);
      await expect(token.connect(alice).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, MINTER_ROLE);
      expect(await token.totalSupply()).to.equal(0n);
    });

    it("does not let the admin mint without also holding MINTER_ROLE", async function () {
      const { token, admin, alice } = await loadFixture(tokenFixture);
      await token.revokeRole(MINTER_ROLE, admin.address);
      await expect(token.mint(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(admin.address, MINTER_ROLE);
    });

    it("lets the admin grant and revoke MINTER_ROLE", async function () {
      const { token, admin, alice } = await loadFixture(tokenFixture);
      await expect(token.grantRole(MINTER_ROLE, alice.address))
        .to.emit(token, "RoleGranted")
        .withArgs(MINTER_ROLE, alice.address, admin.address);
      await token.connect(alice).mint(alice.address, 5n);
      expect(await token.balanceOf(alice.address)).to.equal(5n);

      await expect(token.revokeRole(MINTER_ROLE, alice.address))
        .to.emit(token, "RoleRevoked")
        .withArgs(MINTER_ROLE, alice.address, admin.address);
      await expect(token.connect(alice).mint(alice.address, 5n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, MINTER_ROLE);
    });

    it("lets no one but the admin grant roles, not even a minter", async function () {
      const { token, admin, alice, bob } = await loadFixture(tokenFixture);
      await token.grantRole(MINTER_ROLE, alice.address);
      await expect(token.connect(alice).grantRole(MINTER_ROLE, bob.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, DEFAULT_ADMIN_ROLE);
      await expect(token.connect(bob).grantRole(DEFAULT_ADMIN_ROLE, bob.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, DEFAULT_ADMIN_ROLE);
      await expect(token.connect(bob).revokeRole(MINTER_ROLE, admin.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, DEFAULT_ADMIN_ROLE);
      expect(await token.hasRole(MINTER_ROLE, bob.address)).to.equal(false);
      expect(await token.hasRole(MINTER_ROLE, admin.address)).to.equal(true);
    });

    it("leaves roles fixed for good once the admin renounces", async function () {
      const { token, admin, alice } = await loadFixture(tokenFixture);
      await token.renounceRole(DEFAULT_ADMIN_ROLE, admin.address);
      await expect(token.grantRole(MINTER_ROLE, alice.address))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(admin.address, DEFAULT_ADMIN_ROLE);
      // The minter role it already granted stays.
      await token.mint(alice.address, 1n);
      expect(await token.balanceOf(alice.address)).to.equal(1n);
    });

    it("only lets an account renounce its own roles (AccessControlBadConfirmation)", async function () {
      const { token, admin, alice } = await loadFixture(tokenFixture);
      await expect(
        token.connect(alice).renounceRole(MINTER_ROLE, admin.address),
      ).to.be.revertedWithCustomError(token, "AccessControlBadConfirmation");
      expect(await token.hasRole(MINTER_ROLE, admin.address)).to.equal(true);
    });

    it("reports the ERC-165 interfaces it implements", async function () {
      const { token } = await loadFixture(tokenFixture);
      expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true); // IERC165
      expect(await token.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
      expect(await token.supportsInterface("0xffffffff")).to.equal(false);
    });
  });
});
