// Test helpers for the remotes: real api payloads and a fetch mock. Not part of any production bundle.
export * as apiFixtures from './fixtures';
export * from './fetch-mock';
