// Checks (or, with --update, rewrites) a package's API reports: one per `api-extractor*.json` in the current
// directory. Run from a package folder after its build: `node ../../scripts/api-report.mjs [--update]`.
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const update = process.argv.includes('--update') || process.env.API_REPORT_UPDATE === '1';
const configs = readdirSync('.').filter((name) => /^api-extractor(\..+)?\.json$/.test(name));
let failed = false;
for (const name of configs) {
  const config = ExtractorConfig.loadFileAndPrepare(resolve(name));
  if (update) mkdirSync(config.reportFolder, { recursive: true });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (result.apiReportChanged && !update) {
    console.error(
      `${config.reportFilePath}: the public API changed. Review it, then run \`npm run api:update\` and commit the report.`,
    );
  }
  if (!result.succeeded) failed = true;
  else console.log(`${config.packageFolder} (${name}): API report ${update ? 'written' : 'unchanged'}`);
}
process.exitCode = failed ? 1 : 0;
