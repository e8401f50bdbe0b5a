#!/usr/bin/env node
/**
 * Builds the Medusa v1 admin extension of the package (src/v1/admin/widgets/*.tsx) into the file that a v1 store's
 * admin (`@medusajs/admin` 7.x, `@medusajs/admin-ui` 2.1.x) loads from a plugin:
 *
 *   <v1 plugin root>/dist/admin/_virtual_entry.js        (.medusa/server/src/v1/dist/admin/_virtual_entry.js)
 *
 * What `medusa-admin bundle` makes (@medusajs/admin's commands/bundle.js), done with esbuild instead of adding the
 * v1 admin to the package's dependencies:
 * - one ES module whose default export is `{ identifier, extensions: [{ Component, config: { zone, type: "widget" } }] }`;
 * - the packages the admin shares with extensions left as imports (admin-ui's ALIASED_PACKAGES, plus
 *   react/jsx-runtime for the automatic JSX runtime): the admin's webpack resolves them to its own copies;
 * - ES2017, no JSX left, process.env.NODE_ENV replaced.
 *
 * How the admin finds it (@medusajs/admin-ui's dist/index.js, findPluginsWithExtensions): for each plugin of
 * medusa-config.js whose options have `enableUI: true` (@medusajs/admin's utils/get-plugin-paths.js), it takes
 * dirname(require.resolve(`${resolve}/package.json`)) and includes dist/admin/_virtual_entry.js if that file
 * exists; its Tailwind build scans that plugin's dist/admin/**\/*.js for class names.
 *
 * So <plugin root>/dist exists once this has run, and Medusa v1's server (@medusajs/medusa 1.20's
 * loaders/helpers/resolve-plugins.js) then loads the plugin from <plugin root>/dist instead of <plugin root>: the
 * v1 server code (api/, services/, subscribers/, migrations/, ...) must be compiled into that dist/ as well.
 *
 * Usage: `node scripts/build-v1-admin.js` (after the v2 build), or `require("./build-v1-admin").buildV1Admin({ root })`.
 */
"use strict"

const fs = require("node:fs")
const path = require("node:path")

/** @medusajs/admin-ui 2.1's ALIASED_PACKAGES: resolved by the admin's webpack to the admin's own copies. */
const ADMIN_SHARED_PACKAGES = [
  "react",
  "react-dom",
  "react-router-dom",
  "react-dnd",
  "react-dnd-html5-backend",
  "react-select",
  "react-helmet-async",
  "@tanstack/react-query",
  "@tanstack/react-table",
  "@emotion/react",
  "medusa-react",
  "@medusajs/ui",
  "@medusajs/icons",
  "@medusajs/ui-preset",
]

/** What `medusa-admin bundle` keeps external (besides the plugin's own dependencies, which the widget doesn't use). */
const EXTERNAL = [...ADMIN_SHARED_PACKAGES, "react/jsx-runtime"]

/** The file name that the v1 admin looks for under <plugin root>/dist/admin. */
const ENTRY_FILE = "_virtual_entry.js"

const WIDGET_FILE = /\.[jt]sx?$/

function listWidgets(widgetsDir) {
  if (!fs.existsSync(widgetsDir)) return []
  return fs
    .readdirSync(widgetsDir)
    .filter((name) => WIDGET_FILE.test(name) && !/\.(spec|test)\./.test(name) && !name.endsWith(".d.ts"))
    .sort()
    .map((name) => path.join(widgetsDir, name))
}

/** The entry module, as @medusajs/admin's bundle command writes it (its virtual "entry" module). */
function entrySource(identifier, widgetFiles) {
  const imports = widgetFiles.map(
    (file, index) => `import Widget${index}, { config as widgetConfig${index} } from ${JSON.stringify(file)}`
  )
  const extensions = widgetFiles.map(
    (_file, index) => `    { Component: Widget${index}, config: { ...widgetConfig${index}, type: "widget" } },`
  )
  return [
    ...imports,
    "",
    "const entry = {",
    `  identifier: ${JSON.stringify(identifier)},`,
    "  extensions: [",
    ...extensions,
    "  ],",
    "}",
    "",
    "export default entry",
    "",
  ].join("\n")
}

/** The v1 plugin's package name (its package.json, as the admin's bundle command reads it), else the package's. */
function pluginIdentifier(root, pluginDir) {
  for (const file of [path.join(pluginDir, "package.json"), path.join(root, "package.json")]) {
    if (fs.existsSync(file)) {
      const { name } = JSON.parse(fs.readFileSync(file, "utf8"))
      if (typeof name === "string" && name) return name
    }
  }
  throw new Error(`build-v1-admin: no package name in ${pluginDir}/package.json nor ${root}/package.json`)
}

/**
 * @param {{ root?: string, pluginDir?: string, outDir?: string, nodeEnv?: string }} [options]
 *   root: the repository (default: this script's parent); pluginDir: the v1 plugin root (default
 *   <root>/.medusa/server/src/v1); outDir: where _virtual_entry.js goes (default <pluginDir>/dist/admin, the only
 *   place the v1 admin reads; other values are for tests); nodeEnv: process.env.NODE_ENV in the bundle.
 * @returns {Promise<{ outFile: string, widgets: string[], identifier: string }>}
 */
async function buildV1Admin(options = {}) {
  const root = path.resolve(options.root ?? path.join(__dirname, ".."))
  const pluginDir = path.resolve(options.pluginDir ?? path.join(root, ".medusa", "server", "src", "v1"))
  const outDir = path.resolve(options.outDir ?? path.join(pluginDir, "dist", "admin"))
  const nodeEnv = options.nodeEnv ?? "production"
  const srcDir = path.join(root, "src", "v1", "admin")
  const widgets = listWidgets(path.join(srcDir, "widgets"))
  if (!widgets.length) throw new Error(`build-v1-admin: no widget in ${path.join(srcDir, "widgets")}`)
  const identifier = pluginIdentifier(root, pluginDir)

  // like `medusa-admin bundle`, which empties dist/admin first; nothing else of the plugin's dist is touched
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.mkdirSync(outDir, { recursive: true })

  const esbuild = require("esbuild")
  const outFile = path.join(outDir, ENTRY_FILE)
  await esbuild.build({
    stdin: { contents: entrySource(identifier, widgets), resolveDir: srcDir, sourcefile: ENTRY_FILE, loader: "js" },
    outfile: outFile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2017",
    jsx: "automatic",
    external: EXTERNAL,
    define: { "process.env.NODE_ENV": JSON.stringify(nodeEnv) },
    // readable, and the admin's Tailwind reads the class names from this file
    minify: false,
    legalComments: "none",
    charset: "utf8",
    tsconfig: path.join(srcDir, "tsconfig.json"),
    logLevel: "silent",
  })
  return { outFile, widgets, identifier }
}

module.exports = { buildV1Admin, ADMIN_SHARED_PACKAGES, EXTERNAL, ENTRY_FILE }

if (require.main === module) {
  buildV1Admin({ root: path.join(__dirname, "..") }).then(
    ({ outFile, widgets }) => {
      console.log(`build-v1-admin: ${widgets.length} widget(s) -> ${path.relative(process.cwd(), outFile)}`)
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    }
  )
}
