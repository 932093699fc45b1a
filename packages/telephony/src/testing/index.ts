// @octopus/telephony/testing: test doubles and builders. For tests, benches and harnesses only: the
// production builds never import it (dependency-cruiser's `no-test-code-in-production`), and it is not in
// the Module Federation share scope (webpack.shared.ts excludes it), so it never ships in a built chunk
// (`pnpm size` reads the chunks' source maps and fails if it did).
export { createSimulatedTelephony, type SimulatedCaller, type SimulatedTelephony, type SimulatedTelephonyOptions } from '../drivers/simulated';
export { agentView, callEvent, callView, snapshot } from './events';
