import { act, screen } from '@testing-library/react';
import { createHarness, renderWith, settle } from '../test-utils';
import { ConnectionBanner } from './ConnectionBanner';

describe('<ConnectionBanner>', () => {
  it('says nothing while connected, and loudly when reconnecting or offline', async () => {
    const harness = createHarness();
    await renderWith(harness, <ConnectionBanner />);
    await settle();
    expect(screen.queryByTestId('connection-banner')).not.toBeInTheDocument();
    await act(async () => harness.store.setConnection('reconnecting'));
    expect(screen.getByTestId('connection-banner')).toHaveTextContent('reconnecting… your calls are kept');
    await act(async () => harness.store.setConnection('offline'));
    expect(screen.getByTestId('connection-banner')).toHaveTextContent('no calls can reach you');
  });
});
