import { expect } from "chai";
import { E18 } from "../../src/model";
import { StakedFurModel, STAKING_REWARD_DURATION } from "../../src/model/staking";

// The sFUR reference model (src/model/staking.ts) on the cases the contract suites reach only
// through the stateful test, each computed by hand.
describe("StakedFurModel", function () {
  it("a holder from before a token was listed earns it from the first notify (never settled for it: paid 0)", function () {
    const m = new StakedFurModel();
    m.deposit("a", E18, 100n);
    m.addRewardToken("t");
    // 604,800 t over 7 days = 1 t/s from t = 200; alice holds the whole supply.
    m.notify("t", STAKING_REWARD_DURATION * E18, 200n);
    expect(m.earned("a", "t", 300n)).to.equal(100n * E18);
    // getReward pays exactly what the view said.
    expect(m.getReward("a", 300n).get("t")).to.equal(100n * E18);
    expect(m.earned("a", "t", 300n)).to.equal(0n);
  });
});
