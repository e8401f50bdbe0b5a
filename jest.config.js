// Jest projects: `unit` (core, sandbox, provider; fast), `integration` (real Medusa + PostgreSQL +
// sandbox), `medusa-v1` (the v1 adapter in a Medusa 1.20 store), `browser` (npm run demo driven in Debian chromium), `bench` (figures only:
// npm run bench:notifications), `faults` and `package` (the npm package in a scratch store).
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx: true },
      target: "es2021",
      transform: { react: { runtime: "automatic" } },
    },
  },
]

const base = {
  testEnvironment: "node",
  transform: { "^.+\\.[jt]sx?$": swc },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  // .stryker-tmp: StrykerJS's copy of the project while a mutation run is under way
  modulePathIgnorePatterns: [
    "<rootDir>/.medusa/",
    "<rootDir>/dist/",
    "<rootDir>/.stryker-tmp/",
    // the Medusa v1 fixture store's own packages (Medusa 1.20)
    "<rootDir>/integration-tests/medusa-v1/node_modules/",
  ],
}

// PostgreSQL (embedded unless DATABASE_URL is set) for every Medusa-backed project
const withMedusa = {
  ...base,
  globalSetup: "<rootDir>/integration-tests/setup/global-setup.ts",
  globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.ts",
  setupFiles: ["<rootDir>/integration-tests/setup/env.ts"],
}

module.exports = {
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/__tests__/**/*.spec.{ts,tsx}"] },
    { ...withMedusa, displayName: "integration", testMatch: ["<rootDir>/integration-tests/http/**/*.spec.ts"] },
    // the demo starts its own PostgreSQL (or uses DATABASE_URL's server), sandbox and Medusa
    { ...base, displayName: "browser", testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.ts"] },
    { ...withMedusa, displayName: "bench", testMatch: ["<rootDir>/integration-tests/bench/**/*.bench.ts"] },
    // the production topology under faults (npm run test:faults)
    { ...withMedusa, displayName: "faults", testMatch: ["<rootDir>/integration-tests/faults/**/*.spec.ts"] },
    // the packed tarball in a scratch Medusa store (npm run test:package, after npm run build)
    { ...withMedusa, displayName: "package", testMatch: ["<rootDir>/integration-tests/package/**/*.spec.ts"] },
    // the v1 adapter in a real Medusa 1.20 store (npm run test:v1, after npm run build)
    { ...withMedusa, displayName: "medusa-v1", testMatch: ["<rootDir>/integration-tests/medusa-v1/*.spec.ts"] },
  ],
}
