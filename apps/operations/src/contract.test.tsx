// The host contract test kit, as a remote team runs it in its own CI: fails on a break.
import { describeRemoteContract } from '@octopus/remote-kit/testing';

jest.setTimeout(30_000);

describeRemoteContract(() => import('./Panel'));
