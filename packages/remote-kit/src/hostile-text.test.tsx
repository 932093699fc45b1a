import { screen } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import type { RemoteProps } from '@octopus/contracts';
import { apiFixtures } from '@octopus/api-client/testing';
import { RemotePanelFrame } from '@octopus/ui';
import { PhoneText } from './PhoneText';
import { makeProps, renderPanel } from './testing';
import { useApiClient } from './useApiClient';

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** A minimal remote: what every team's panel does (api client → query → free text in the frame). */
function TicketTitlePanel(props: RemoteProps) {
  const client = useApiClient(props.api);
  const ticket = useQuery({ queryKey: ['t'], queryFn: () => client.getTicket('TK00000001') });
  return (
    <RemotePanelFrame name="tickets" version="0.0.0">
      {ticket.data ? (
        <>
          <h3 data-testid="title">{ticket.data.title}</h3>
          <p data-testid="description">
            <PhoneText text={ticket.data.description} onDial={props.host.dial} />
          </p>
        </>
      ) : null}
    </RemotePanelFrame>
  );
}

describe('hostile text in a remote', () => {
  it('renders an api answer with RLO/isolate controls without them: "safe \\u202Eexe.txt" cannot show as "safe txt.exe"', async () => {
    const hostile = { ...apiFixtures.ticketDetail, title: 'safe \u202Eexe.txt', description: 'call \u2067back\u2069 13800138000 \u202Dnow\u202C' };
    await renderPanel(TicketTitlePanel, makeProps(), { routes: { 'GET /tickets/TK00000001': { body: hostile } } });
    expect(await screen.findByTestId('title')).toHaveTextContent('safe exe.txt');
    expect(screen.getByTestId('title').textContent).not.toMatch(BIDI);
    expect(screen.getByTestId('description').textContent).toBe('call back 13800138000 now');
    // The number inside the cleaned text is still dialable.
    expect(screen.getByRole('button', { name: '拨打 13800138000' })).toBeInTheDocument();
  });

  it('PhoneText makes text inert whatever its source (drafts, props), not only api answers', async () => {
    function Note(props: RemoteProps) {
      return (
        <p data-testid="note">
          <PhoneText text={'\u202Egnp.exe'} onDial={props.host.dial} />
        </p>
      );
    }
    await renderPanel(Note, makeProps());
    expect(screen.getByTestId('note').textContent).toBe('gnp.exe');
  });

  it('lets a 400-character word from the api wrap inside the remote instead of widening the page', async () => {
    const word = 'A'.repeat(400);
    await renderPanel(TicketTitlePanel, makeProps(), { routes: { 'GET /tickets/TK00000001': { body: { ...apiFixtures.ticketDetail, title: word } } } });
    const title = await screen.findByTestId('title');
    expect(title).toHaveTextContent(word);
    const root = title.closest<HTMLElement>('[data-remote]')!;
    expect(root).toHaveStyle({ overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: '0' });
  });
});
