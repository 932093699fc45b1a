export { Prng } from './prng';
