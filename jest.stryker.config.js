// Jest config for StrykerJS (stryker.config.json): the `unit` project of jest.config.js as a
// single-project config — the other projects start PostgreSQL, Medusa or a browser in global setups.
// Only the core's and the sandbox's tests: Stryker mutates src/invoicebox and the sandbox's
// validation, and reloads every related test file for each mutant — the provider tests (src/providers,
// not mutated) load the Medusa framework and would multiply the run time.
// The property test checks 1 000 random carts per mutant instead of 10 000.
const { projects } = require("./jest.config.js")

const { displayName: _displayName, ...unit } = projects.find((project) => project.displayName === "unit")

process.env.INVOICEBOX_PROPERTY_CARTS ??= "1000"

module.exports = {
  ...unit,
  rootDir: __dirname,
  testMatch: ["<rootDir>/__tests__/invoicebox/**/*.spec.ts", "<rootDir>/__tests__/sandbox/**/*.spec.ts"],
}
