// The standalone dev page: the remote inside a harness that plays the shell's part.
import { mountStandalone } from '@octopus/federation/harness';
import { remote } from './Panel';

mountStandalone(remote);
