// @ts-check
// ESLint's recommended rules for OneChat's own JavaScript (not the vendored client).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["**/node_modules/", "common/static/vendor/", "dashboard/static/vendor/", "staticfiles/", "tests/artifacts/", "bench/results/"],
  },
  js.configs.recommended,
  {
    // The kit, the two front ends and the survey page: ES modules in the browser.
    files: ["common/static/**/*.js", "dashboard/static/**/*.js", "widget/static/**/*.js", "csat/static/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    // A function of 120 lines or more is several jobs: give each its own.
    rules: { "max-lines-per-function": ["error", { max: 119 }] },
  },
  {
    // The embed SDK runs as a classic script on other sites' pages, in the
    // syntax older browsers read (a catch clause always names its error).
    files: ["widget/static/widget/sdk.js"],
    languageOptions: { sourceType: "script" },
    rules: { "no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  {
    files: ["eslint.config.js", "tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  {
    // Unit tests run in Node with a jsdom page (tests/js/page.js).
    files: ["tests/kit/**/*.js", "tests/dashboard/unit/**/*.js", "tests/widget/unit/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ["bench/**/*.js", "tests/js/**/*.cjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
