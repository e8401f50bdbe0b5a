#!/usr/bin/env node
/**
 * Builds the Medusa v1 adapter (src/v1) into the package's v1 plugin directory, `.medusa/v1/`, laid
 * out as Medusa v1 reads a plugin: `require.resolve("medusa-payment-invoicebox/v1/package.json")`
 * finds `.medusa/v1/package.json`; its `dist/` is the plugin (services/, api/, subscribers/,
 * migrations/, and admin/ for the v1 admin's widget bundle):
 *
 * 1. Medusa 1.20's types come from the v1 fixture store (integration-tests/medusa-v1), installed here
 *    when missing — the package itself depends on neither Medusa;
 * 2. `tsc -p tsconfig.v1.json` compiles src/v1 with the core (src/invoicebox) and the shared payment
 *    glue (src/payment) it imports; they keep their relative places: src/v1 → .medusa/v1/dist,
 *    src/payment → .medusa/v1/payment, src/invoicebox → .medusa/v1/invoicebox;
 * 3. the v1 admin widget is bundled into dist/admin (scripts/build-v1-admin.js).
 */
const { execFileSync } = require("node:child_process")
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs")
const { join } = require("node:path")

const ROOT = join(__dirname, "..")
const FIXTURE = join(ROOT, "integration-tests/medusa-v1")
const BUILD = join(ROOT, ".medusa/v1-build")
const PLUGIN = join(ROOT, ".medusa/v1")

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: "inherit" })
}

function ensureV1Types() {
  if (existsSync(join(FIXTURE, "node_modules/@medusajs/medusa/package.json"))) return
  console.log("build-v1: installing the Medusa v1 fixture store (Medusa 1.20's types)")
  run("npm", ["install", "--no-audit", "--no-fund"], FIXTURE)
}

function buildV1() {
  ensureV1Types()
  rmSync(BUILD, { recursive: true, force: true })
  run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.v1.json"], ROOT)
  rmSync(PLUGIN, { recursive: true, force: true })
  mkdirSync(PLUGIN, { recursive: true })
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"))
  writeFileSync(
    join(PLUGIN, "package.json"),
    JSON.stringify(
      {
        name: `${pkg.name}-v1`,
        version: pkg.version,
        private: true,
        description:
          "The Medusa v1 plugin directory of medusa-payment-invoicebox (list it as medusa-payment-invoicebox/v1).",
        main: "dist/index.js",
        types: "dist/index.d.ts",
      },
      null,
      2
    ) + "\n"
  )
  // the widget's bundle first: it empties dist/admin, where the compiled view types land next
  require("./build-v1-admin").buildV1Admin({ root: ROOT, pluginDir: PLUGIN })
  const emitted = readdirSync(join(BUILD, "src"))
  for (const dir of emitted)
    cpSync(join(BUILD, "src", dir), join(PLUGIN, dir === "v1" ? "dist" : dir), { recursive: true })
  rmSync(BUILD, { recursive: true, force: true })
  console.log(`build-v1: ${PLUGIN}`)
}

buildV1()
