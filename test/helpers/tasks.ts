import hre from "hardhat";

/**
 * Runs a task in this process as `npx hardhat <name>` would and returns what it printed (stdout
 * and stderr lines) with the exit code it set (process.exitCode is put back afterwards).
 */
export async function runCapturing(
  name: string,
  args: Record<string, unknown>,
): Promise<{ printed: string[]; exitCode: number; errors: string[] }> {
  const printed: string[] = [];
  const errors: string[] = [];
  const [log, error] = [console.log, console.error];
  const saved = process.exitCode;
  process.exitCode = undefined;
  console.log = (...parts: unknown[]) => void printed.push(parts.join(" "));
  console.error = (...parts: unknown[]) => void errors.push(parts.join(" "));
  try {
    await hre.run(name, args);
  } finally {
    console.log = log;
    console.error = error;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = saved;
  return { printed, exitCode, errors };
}

/** Runs a task as `npx hardhat <name> --json` would and returns what it printed, parsed. */
export async function runJson(
  name: string,
  args: Record<string, unknown>,
): Promise<{ json: unknown; exitCode: number; errors: string[] }> {
  const { printed, exitCode, errors } = await runCapturing(name, { ...args, json: true });
  return { json: printed.length ? JSON.parse(printed.join("\n")) : null, exitCode, errors };
}
