#!/usr/bin/env node
// Runs the compiled partner CLI when the package is built (.medusa/server), else the TypeScript source.
const path = require("node:path")
const fs = require("node:fs")

const root = path.join(__dirname, "..")
const compiled = path.join(root, ".medusa/server/src/partner/cli.js")
let cli
if (fs.existsSync(compiled)) {
  cli = require(compiled)
} else {
  require("@swc-node/register")
  cli = require(path.join(root, "src/partner/cli.ts"))
}
cli.main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
