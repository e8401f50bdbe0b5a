#!/usr/bin/env node
// Runs after `medusa plugin:build` (npm run build). The admin extensions are bundled by Vite with its
// default `publicDir`, the project's `public/` — where `npm run demo -- --production` puts a whole built
// dashboard (public/admin, ~11 MB) — so Vite copies that directory into the extensions' output,
// .medusa/server/src/admin, and from there into the npm package. This removes those copies, leaving
// the extensions' own bundle (index.js, index.mjs and any _chunks).
const { existsSync, readdirSync, rmSync } = require("node:fs")
const { join } = require("node:path")

const root = join(__dirname, "..")
const publicDir = join(root, "public")
const adminOutput = join(root, ".medusa/server/src/admin")
const bundle = new Set(["index.js", "index.mjs", "_chunks"])

if (existsSync(publicDir) && existsSync(adminOutput)) {
  for (const entry of readdirSync(publicDir)) {
    if (bundle.has(entry)) continue
    const copy = join(adminOutput, entry)
    if (existsSync(copy)) {
      rmSync(copy, { recursive: true, force: true })
      console.log(`removed .medusa/server/src/admin/${entry} (Vite's copy of public/${entry})`)
    }
  }
}
