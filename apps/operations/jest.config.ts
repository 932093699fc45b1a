/** @jest-config-loader esbuild-register */
import { defineJestProject } from '../../jest.preset';

export default defineJestProject(__dirname, { environment: 'jsdom' });
