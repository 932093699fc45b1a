import { lazy, memo, Suspense, useState } from 'react';
import { Alert, Button, Flex, Input, Segmented, Space, Typography, useT } from '@octopus/ui';
import { usePhoneActions } from '@octopus/telephony/react';
import { callerMessages } from './caller-messages';
import { useShellApi } from '../api/ShellApiProvider';
import { bindCustomer } from '../telephony/telephony-adapter';
import { useCallWorkspace } from '../workspace/useCallWorkspace';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import type { SearchCriterion, VerificationStep } from '../workspace/workspace-store';

// The results list (antd's List) loads with the agent's first search, alongside the request.
const loadSearchResults = () => import('./SearchResults');
const SearchResults = lazy(() => loadSearchResults().then((module) => ({ default: module.SearchResults })));

/**
 * The agent verifies a caller the IVR did not: check what the caller says against the account
 * (registered phone or ID suffix), or find the account by phone / order / ID suffix and bind it.
 * Every step is kept in the call's workspace; the cti-server records the result on the call. Only a
 * check the api performed (with its proof) verifies; binding a search result only identifies.
 */
export interface VerifyCallerProps {
  callId: string;
  /** The number the call comes from (E.164 digits as the cti-server reports it). */
  number: string;
  /** The account the call is bound to, if any. */
  customerUserId: string | null;
  /** The call's customer grant, if one was issued. */
  grant: string | null;
}

/**
 * Memoised on the few call fields it reads: the many events of a ring (lookup, grant, IVR keys) leave
 * the block alone unless one of them changes.
 */
export const VerifyCaller = memo(function VerifyCaller({ callId, number, customerUserId, grant }: VerifyCallerProps) {
  const t = useT(callerMessages);
  const api = useShellApi();
  const actions = usePhoneActions();
  const workspace = useWorkspaceStore();
  const search = useCallWorkspace(callId, (ws) => ws.search);
  const results = useCallWorkspace(callId, (ws) => ws.searchResults);
  const selectedUserId = useCallWorkspace(callId, (ws) => ws.selectedUserId);
  const [checkInput, setCheckInput] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checkResult, setCheckResult] = useState<{ ok: boolean; left: number } | null>(null);
  /** The account bound without a proof: the caller is identified as it, not verified. */
  const [identified, setIdentified] = useState<string | null>(null);
  const candidate = selectedUserId ?? customerUserId;

  const addStep = (step: Omit<VerificationStep, 'at'>) =>
    workspace.update(callId, (ws) => ({ verificationSteps: [...ws.verificationSteps, { ...step, at: Date.now() }] }));

  const guard = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  };

  const runSearch = () => {
    void loadSearchResults();
    return guard('search', async () => {
      const found = await api.searchUsers(search.by, search.value);
      workspace.update(callId, { searchResults: found, selectedUserId: found.length === 1 ? found[0]!.userId : null });
      addStep({ kind: 'search', ok: found.length > 0, detail: `${search.by}=${search.value} → ${found.length}` });
    });
  };

  // A search result is bound without a proof: the cti-server only identifies the caller (masked, no finance).
  const bindFound = (userId: string) =>
    guard('bind', async () => {
      await bindCustomer(actions, callId, userId, 'agent-search');
      const otherNumber = !(search.by === 'phone' && search.value.trim() === number) && userId !== customerUserId;
      addStep({ kind: 'bind', ok: true, detail: `${userId} · agent-search · identified${otherNumber ? ' · other-number' : ''}` });
      setIdentified(userId);
    });

  const check = () =>
    guard('check', async () => {
      if (!candidate) return;
      // The api checks only for an agent holding this call's grant for that very account: a searched
      // candidate is bound first (identified), which gives the grant the check is made under.
      const checkGrant = candidate === customerUserId && grant ? grant : await bindCustomer(actions, callId, candidate, 'agent-search');
      const result = await api.verifyIdentity(candidate, checkInput, callId, checkGrant);
      const ok = result.status === 'verified';
      setCheckResult({ ok, left: result.attemptsLeft });
      addStep({ kind: result.check === 'phone' ? 'confirm-phone' : 'confirm-id', ok, detail: `${candidate} · ${result.check}` });
      if (!ok) return;
      // The api's proof of this passed check is what lets the cti-server mark the call verified.
      await bindCustomer(actions, callId, candidate, 'agent-confirm', result.proof);
      // No proof (the api checked without a call): the account is bound, but the caller only identified.
      setIdentified(result.proof ? null : candidate);
    });

  return (
    <Flex vertical gap={8} data-testid="verify-caller">
      <Typography.Text strong>{t('verifyTitle')}</Typography.Text>
      {/* Three criteria, one click each (a Segmented, not a Select: no dropdown to open, and no Select code on the ring's path). */}
      <Segmented<SearchCriterion>
        aria-label={t('searchBy')}
        size="small"
        value={search.by}
        onChange={(by) => workspace.update(callId, { search: { ...search, by } })}
        options={(['phone', 'orderId', 'idSuffix'] as const).map((by) => ({ value: by, label: t(`search.${by}`) }))}
      />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          aria-label={t(`search.${search.by}`)}
          value={search.value}
          placeholder={t(`search.${search.by}`)}
          onChange={(event) => workspace.update(callId, { search: { ...search, value: event.target.value } })}
          onPressEnter={() => search.value.trim() && void runSearch()}
        />
        <Button onClick={() => void runSearch()} loading={busy === 'search'} disabled={!search.value.trim()}>
          {t('search')}
        </Button>
      </Space.Compact>
      {results ? (
        results.length ? (
          <Suspense fallback={null}>
            <SearchResults
              results={results}
              selectedUserId={selectedUserId}
              busy={busy}
              onSelect={(userId) => workspace.update(callId, { selectedUserId: userId })}
              onBind={(userId) => void bindFound(userId)}
              labels={{ selected: t('selected'), select: t('select'), bindWithoutCheck: t('bindWithoutCheck') }}
            />
          </Suspense>
        ) : (
          <Typography.Text type="secondary">{t('noResults')}</Typography.Text>
        )
      ) : null}
      {candidate ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('confirmInputLabel')}
            placeholder={t('confirmInputLabel')}
            value={checkInput}
            onChange={(event) => setCheckInput(event.target.value)}
            onPressEnter={() => checkInput.trim() && void check()}
          />
          <Button type="primary" onClick={() => void check()} loading={busy === 'check'} disabled={!checkInput.trim()}>
            {t('bindVerified')}
          </Button>
        </Space.Compact>
      ) : null}
      {checkResult ? (
        <Typography.Text type={checkResult.ok ? 'success' : 'danger'} data-testid="check-result">
          {checkResult.ok ? t('checkPassed') : t('checkFailed', { left: checkResult.left })}
        </Typography.Text>
      ) : null}
      {identified ? (
        <Alert
          type="info"
          showIcon
          data-notice="identified-not-verified"
          message={t('identifiedNotVerified', { userId: identified })}
          description={t('identifiedNotVerifiedHint')}
        />
      ) : null}
      {error ? <Alert type="error" showIcon message={error} /> : null}
    </Flex>
  );
});
