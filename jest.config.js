// Jest projects: `unit` (pure core + sandbox, fast) and `integration` (real Medusa + PostgreSQL + sandbox).
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

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform: { "^.+\\.[jt]sx?$": swc },
      moduleFileExtensions: ["ts", "tsx", "js", "json"],
      testMatch: ["<rootDir>/__tests__/**/*.spec.ts"],
      modulePathIgnorePatterns: ["<rootDir>/.medusa/", "<rootDir>/dist/"],
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      transform: { "^.+\\.[jt]sx?$": swc },
      moduleFileExtensions: ["ts", "tsx", "js", "json"],
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.ts"],
      modulePathIgnorePatterns: ["<rootDir>/.medusa/", "<rootDir>/dist/"],
      globalSetup: "<rootDir>/integration-tests/setup/global-setup.ts",
      globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.ts",
      setupFiles: ["<rootDir>/integration-tests/setup/env.ts"],
    },
    {
      // figures, not assertions: `npm run bench:notifications`
      displayName: "bench",
      testEnvironment: "node",
      transform: { "^.+\\.[jt]sx?$": swc },
      moduleFileExtensions: ["ts", "tsx", "js", "json"],
      testMatch: ["<rootDir>/integration-tests/bench/**/*.bench.ts"],
      modulePathIgnorePatterns: ["<rootDir>/.medusa/", "<rootDir>/dist/"],
      globalSetup: "<rootDir>/integration-tests/setup/global-setup.ts",
      globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.ts",
      setupFiles: ["<rootDir>/integration-tests/setup/env.ts"],
    },
  ],
}
