import fs from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const root = path.resolve(__dirname, "..");
const journals = path.join(root, "deploy", "deployments");

/**
 * `virtual:furrow-deployments`: the addresses of every Ignition journal in deploy/deployments
 * (chain-<id>/deployed_addresses.json), by chain id, read when the app is built. The app picks the
 * connected chain's entry; a chain without one is "not deployed here".
 */
function deployments(): Plugin {
  const id = "virtual:furrow-deployments";
  return {
    name: "furrow-deployments",
    resolveId: (source) => (source === id ? "\0" + id : undefined),
    load(resolved) {
      if (resolved !== "\0" + id) return undefined;
      const byChain: Record<string, Record<string, string>> = {};
      for (const dir of fs.existsSync(journals) ? fs.readdirSync(journals) : []) {
        const file = path.join(journals, dir, "deployed_addresses.json");
        const match = /^chain-(\d+)$/.exec(dir);
        if (match && fs.existsSync(file)) byChain[match[1]] = JSON.parse(fs.readFileSync(file, "utf8"));
      }
      return `export default ${JSON.stringify(byChain)};`;
    },
  };
}

export default defineConfig({
  root: __dirname,
  base: "./",
  plugins: [react(), deployments()],
  server: { host: "127.0.0.1", fs: { allow: [root] } },
  preview: { host: "127.0.0.1" },
  build: { outDir: "dist", emptyOutDir: true },
});
