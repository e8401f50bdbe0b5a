// Lint for the whole repository (npm run lint): typescript-eslint's recommended rules, React hooks
// rules for the admin, and prettier for layout (eslint-config-prettier turns off what it formats).
import js from "@eslint/js"
import prettier from "eslint-config-prettier"
import reactHooks from "eslint-plugin-react-hooks"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".medusa/",
      ".demo-data/",
      "artifacts/",
      "coverage/",
      ".stryker-tmp/",
      "public/",
      "reports/",
      "src/modules/*/migrations/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["src/admin/**/*.{ts,tsx}", "src/v1/admin/**/*.{ts,tsx}", "demo/storefront/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["src/admin/**/*.{ts,tsx}", "src/v1/admin/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["**/*.spec.ts", "**/*.bench.ts", "__tests__/**/*.ts", "integration-tests/**/*.ts"],
    languageOptions: { globals: { ...globals.jest } },
  },
  prettier
)
