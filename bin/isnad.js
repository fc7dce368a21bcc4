#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so `npx isnad` and
// `npm run isnad` work without a build step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
