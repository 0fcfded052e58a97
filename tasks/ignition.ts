import { scope } from "hardhat/config";
import { runTask } from "./run";

// `ignition deploy` signs every transaction of the deployment: the override checks the network's
// RPC URL and key before Ignition starts, and prints a FurrowError from the modules (a bad
// deploy/parameters file) as one line. Everything else is Ignition's own task, unchanged.
scope("ignition").task(
  "deploy",
  runTask((args, _hre, runSuper) => runSuper(args), { signs: true }),
);
