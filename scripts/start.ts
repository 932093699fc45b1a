// `pnpm start` (after `pnpm build`): serves the whole product from production builds on the default ports.
import { deploymentFile } from './lib/deployment';
import { startStack } from './lib/stack';

async function main(): Promise<void> {
  const stack = await startStack({ withServices: true, deploymentFile: deploymentFile() });
  console.log(`\nOctopus is up: open ${stack.urlOf('shell')}  (English: ${stack.urlOf('shell')}/?lng=en-US)`);
  console.log('Demo agents 1001–1008, password "octopus". Place a call: pnpm call --from 13800138000. Ctrl+C stops everything.');
  const stop = () => {
    void stack.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
