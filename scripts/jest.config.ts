/** @jest-config-loader esbuild-register */
import { defineJestProject } from '../jest.preset';

// The Node helpers behind `pnpm start` (static server, security headers): tests beside the code in lib/.
const project = defineJestProject(__dirname, { environment: 'node' });

export default { ...project, testMatch: ['<rootDir>/lib/**/*.test.ts'] };
