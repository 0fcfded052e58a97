/**
 * Plain words for the contracts' custom errors (and the OpenZeppelin ones a token or vault raises),
 * from the error's name and decoded arguments. An error not listed keeps its name and arguments,
 * so nothing is ever shown as a bare "execution reverted".
 */
export type ErrorArgs = readonly unknown[];

const plain: Record<string, (a: ErrorArgs) => string> = {
  InsufficientStake: (a) => `You tried to withdraw ${a[0]} but only ${a[1]} is staked.`,
  UnknownPool: (a) => `There is no pool ${a[0]}.`,
  InvalidRecipient: () => "The recipient address is not valid.",
  StakeTooLarge: (a) => `The pool cannot hold that much: it would reach ${a[0]}, above ${a[1]}.`,
  ERC20InsufficientAllowance: (a) =>
    `The contract may only take ${a[1]} of your tokens but needs ${a[2]}: approve first.`,
  ERC20InsufficientBalance: (a) => `Your wallet holds ${a[1]} but ${a[2]} is needed.`,
  ERC20InvalidReceiver: (a) => `Tokens cannot be sent to ${a[0]}.`,
  ERC4626ExceededMaxDeposit: (a) => `The vault accepts at most ${a[2]} now (you asked ${a[1]}).`,
  ERC4626ExceededMaxWithdraw: (a) => `You can withdraw at most ${a[2]} from the vault (you asked ${a[1]}).`,
  ERC4626ExceededMaxRedeem: (a) => `You can redeem at most ${a[2]} shares (you asked ${a[1]}).`,
  DepositsPaused: () => "Deposits into this vault are paused by governance.",
  PriceDeviation: () => "The pool's price moved too far from its average: the vault waits before harvesting.",
  InsufficientAssetsAdded: (a) => `The harvest would add ${a[0]}, less than the minimum ${a[1]}.`,
  InsufficientResult: (a) => `The zap would give ${a[0]}, less than the minimum ${a[1]}.`,
  NotAPair: (a) => `${a[0]} is not a pair of this exchange.`,
  NotAPairToken: (a) => `${a[0]} is not one of the pair's tokens.`,
  InsufficientGasForRewarder: () => "Not enough gas was sent for the bonus rewarder: retry with more gas.",
  // Lending markets (ILendingMarket, IChainlinkOracle). Health factors are WAD (1e18 = at the limit).
  ZeroAmount: () => "Enter an amount above zero (or one that is not too small to count).",
  Unhealthy: (a) =>
    `That would leave your position with health ${health(a[1])}, below 1: post more collateral or borrow less.`,
  InsufficientCash: (a) => `The market has only ${a[1]} left to lend or withdraw (you asked ${a[0]}).`,
  InsufficientCollateral: (a) => `You have only ${a[1]} collateral posted (you asked ${a[0]}).`,
  NoDebt: () => "You have no debt in this market to repay.",
  PriceUnavailable: () => "The market's price oracle has no price it trusts now: borrowing waits for it.",
  BorrowCapExceeded: (a) => `Borrows would reach ${a[0]}, above the market's cap of ${a[1]}.`,
  TransferShortfall: (a) => `The market received ${a[1]} of the ${a[0]} sent (a fee-on-transfer token).`,
  StalePrice: () => "The price feed has not updated recently enough to be trusted.",
};

/** A WAD health factor with two decimals (rounded down). */
function health(v: unknown): string {
  if (typeof v !== "bigint") return String(v);
  const hundredths = (v * 100n) / 10n ** 18n;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, "0")}`;
}

/** "Name: plain words" for a decoded custom error. */
export function describeError(name: string, args: ErrorArgs = []): string {
  const words = plain[name];
  if (words) return `${name}: ${words(args)}`;
  return `${name}(${args.map(String).join(", ")})`;
}
