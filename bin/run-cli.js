// Runs one of the package's CLIs: the compiled file when the package is built (.medusa/server), else
// the TypeScript source (in the repository). `name` is the CLI's path under src/, without extension.
const path = require("node:path")
const fs = require("node:fs")

module.exports = function runCli(name) {
  const root = path.join(__dirname, "..")
  const compiled = path.join(root, ".medusa/server/src", `${name}.js`)
  let cli
  if (fs.existsSync(compiled)) {
    cli = require(compiled)
  } else {
    require("@swc-node/register")
    cli = require(path.join(root, "src", `${name}.ts`))
  }
  cli.main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
