import { act, screen } from '@testing-library/react';
import { VOICE_OFF, consultMediaKey } from '@octopus/telephony';
import { createHarness, renderWith, settle } from '../test-utils';
import { VoiceBar } from './VoiceBar';

describe('<VoiceBar>', () => {
  it('says voice is off when the deployment has none', async () => {
    const harness = createHarness();
    await renderWith(harness, <VoiceBar />);
    await settle();
    expect(screen.getByTestId('voice-bar')).toHaveAttribute('data-voice', 'off');
    expect(screen.getByText('Voice off (signalling only)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Audio devices' })).toBeNull();
  });

  it('tells the agent plainly when the microphone is blocked or missing, and shows the caller level of the active call', async () => {
    const harness = createHarness();
    await renderWith(harness, <VoiceBar />);
    await settle();
    await act(async () => harness.store.setState({ voice: { ...VOICE_OFF, status: 'registered', microphone: 'blocked' } }));
    expect(screen.getByText('Voice ready')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Microphone blocked');
    await act(async () => harness.store.setState({ voice: { ...VOICE_OFF, status: 'failed', reason: '\u202Eevil', microphone: 'missing' } }));
    expect(screen.getByRole('alert')).toHaveTextContent('No microphone found');
    // A hostile reason stays inert text (no bidi override reaches the page).
    expect(screen.getByTestId('voice-bar').textContent).not.toContain('\u202E');

    await act(async () => void harness.driver.ring());
    const callId = harness.store.getState().activeCallId!;
    const media = { state: 'connected' as const, muted: false, held: false, inboundLevel: 0.42, microphoneLevel: 0.3, invitedAt: 1, firstAudioAt: 2 };
    await act(async () => harness.store.setState({ voice: { ...VOICE_OFF, status: 'registered', microphone: 'granted', media: { [callId]: media } } }));
    expect(screen.getByTestId('voice-bar')).toHaveAttribute('data-media', 'connected');
    expect(screen.getByText('Audio connected')).toBeInTheDocument();
    expect(screen.getByTestId('voice-bar').querySelector('[data-level]')).toHaveAttribute('data-level', '0.420');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the consultation with a colleague and the conference this browser mixes', async () => {
    const harness = createHarness();
    await renderWith(harness, <VoiceBar />);
    await settle();
    await act(async () => void harness.driver.ring());
    const callId = harness.store.getState().activeCallId!;
    const media = { state: 'connected' as const, muted: false, held: false, inboundLevel: 0.2, microphoneLevel: 0.3, invitedAt: 1, firstAudioAt: 2 };
    await act(async () => harness.store.setState({ voice: { ...VOICE_OFF, status: 'registered', microphone: 'granted', media: { [callId]: media, [consultMediaKey(callId)]: { ...media, inboundLevel: 0.33 } } } }));
    const bar = screen.getByTestId('voice-bar');
    expect(bar).toHaveAttribute('data-consult-media', 'connected');
    expect(bar.querySelector('[data-consult-level]')).toHaveAttribute('data-consult-level', '0.330');
    expect(bar).toHaveAttribute('data-mixing', 'no');
    expect(screen.queryByText('Mixing the conference')).toBeNull();
    await act(async () => harness.store.setState({ voice: { ...harness.store.getState().voice, mixing: callId } }));
    expect(bar).toHaveAttribute('data-mixing', 'yes');
    expect(screen.getByText('Mixing the conference')).toBeInTheDocument();
  });
});
