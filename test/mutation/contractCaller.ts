import { ethers } from "hardhat";
import type { AddressLike, ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { TimelockController } from "../../typechain-types";

/**
 * A contract account for tests that must tell `msg.sender` from `tx.origin` (SuMo's TOR mutants):
 * a TimelockController with delay 0 whose only proposer and executor is `operator`. Every call it
 * makes is sent by `operator` (tx.origin) and arrives from the timelock (msg.sender).
 */
export class ContractCaller {
  private nonce = 0;

  private constructor(
    readonly timelock: TimelockController,
    readonly operator: HardhatEthersSigner,
  ) {}

  static async deploy(operator: HardhatEthersSigner): Promise<ContractCaller> {
    const timelock: TimelockController = await ethers.deployContract("TimelockController", [
      0,
      [operator.address],
      [operator.address],
      ethers.ZeroAddress,
    ]);
    return new ContractCaller(timelock, operator);
  }

  address(): Promise<string> {
    return this.timelock.getAddress();
  }

  /** Schedules and executes `data` on `target` from the timelock (one operation per call). */
  async call(target: AddressLike, data: string): Promise<ContractTransactionResponse> {
    const to = await ethers.resolveAddress(target);
    const salt = ethers.toBeHex(++this.nonce, 32);
    const timelock = this.timelock.connect(this.operator);
    await timelock.schedule(to, 0, data, ethers.ZeroHash, salt, 0);
    return timelock.execute(to, 0, data, ethers.ZeroHash, salt);
  }
}
