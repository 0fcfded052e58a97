import { expect } from "chai";
import { ERC20RewarderModel, Fraction } from "../../src/model";

/**
 * The exact side of src/model/rewarder.ts, by hand: 10 BONUS wei a second, funded with 1,000,
 * attached at t = 100 with nothing staked; alice stakes 3 wei at 100, bob 1 wei at 110.
 *   t 100..110: 100 emitted over 3 → index floor(100e30 / 3), alice owed floor(99.99…) = 99, exactly 100
 *   t 110      alice is paid 99 (her exact side keeps the lost wei: 1), bob joins (total 4)
 *   t 110..120: 100 emitted over 4 → 25e30 exactly: alice 75 (exact 76), bob 25 (exact 25)
 * Schedule 200 = paid 99 + pending 100 + dust 1, and the dust is Σ (exact − pending) = 1 + 0.
 */
describe("src/model/rewarder (ERC20RewarderModel, exact side)", function () {
  function run() {
    const m = new ERC20RewarderModel(10n, 0n);
    m.fund(1_000n, 0n);
    m.attach(0n, 100n);
    expect(m.onReward("alice", 0n, 3n, 100n)).to.equal(0n);
    return m;
  }

  it("keeps the unrounded reward beside the contract's floors", function () {
    const m = run();
    expect(m.pendingReward("alice", 110n, 3n, 0n)).to.equal(99n);
    expect(m.exactPending("alice", 110n)).to.deep.equal(new Fraction(100n));
    // No floor yet: the index moved only in the view (+2 for the view's index and settlement).
    expect(m.roundingBound("alice")).to.equal(2n);
  });

  it("keeps what a payout lost to rounding, so the drift of every staker adds up to the dust", function () {
    const m = run();
    expect(m.onReward("alice", 3n, 3n, 110n)).to.equal(99n);
    expect(m.exactPending("alice", 110n)).to.deep.equal(new Fraction(1n));
    expect(m.onReward("bob", 0n, 1n, 110n)).to.equal(0n);
    expect([m.pendingReward("alice", 120n, 3n, 0n), m.pendingReward("bob", 120n, 1n, 0n)]).to.deep.equal([
      75n,
      25n,
    ]);
    expect(m.exactPending("alice", 120n)).to.deep.equal(new Fraction(76n));
    expect(m.exactPending("bob", 120n)).to.deep.equal(new Fraction(25n));
    // Alice: the index update at 110 while staked and her settlement; bob: nothing staked yet.
    expect([m.roundingBound("alice"), m.roundingBound("bob")]).to.deep.equal([4n, 2n]);
    expect([m.balance, m.reserveAt(120n)]).to.deep.equal([901n, 800n]);
  });

  it("measures the emission before new funds against the old balance", function () {
    // 1,000 funded, attached with 3 staked at t = 0 and a rate of 100/s: by t = 20 the reserve is
    // gone at t = 10, so a fund at 20 starts the emission again from 20, not from 10.
    const m = new ERC20RewarderModel(100n, 0n);
    m.fund(1_000n, 0n);
    m.attach(0n, 0n);
    m.onReward("alice", 0n, 3n, 0n);
    m.fund(500n, 20n);
    expect(m.reserveAt(20n)).to.equal(500n);
    expect(m.reserveAt(23n)).to.equal(200n);
    expect(m.exactPending("alice", 23n)).to.deep.equal(new Fraction(1_300n));
  });
});
