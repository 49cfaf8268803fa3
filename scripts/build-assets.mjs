// Builds GOV.UK Frontend into static/build (ignored by git): compiled Sass with asset
// URLs under our static path, the fonts and images, and the ES module bundle.
import { cpSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";

const source = "node_modules/govuk-frontend/dist/govuk";
const out = "static/build";
mkdirSync(`${out}/govuk`, { recursive: true });
cpSync(`${source}/assets`, `${out}/govuk/assets`, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
execFileSync(
  "node_modules/.bin/sass",
  ["--no-source-map", "--style=compressed", "--quiet-deps", "--load-path=node_modules",
   "static/scss/app.scss", `${out}/app.css`],
  { stdio: "inherit" },
);
console.log(`Built GOV.UK Frontend assets into ${out}`);
