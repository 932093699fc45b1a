import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography, useT } from '@octopus/ui';
import { shellMessages } from '../app/messages';
import { LoginError, type SessionStore } from './session-store';

export function LoginPage({ session }: { session: SessionStore }) {
  const t = useT(shellMessages);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { agentId: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await session.login(values.agentId, values.password);
    } catch (caught) {
      if (caught instanceof LoginError && caught.kind === 'credentials') setError(t('loginFailedCredentials'));
      else if (caught instanceof LoginError && caught.kind === 'unreachable') setError(t('loginFailedUnreachable'));
      else setError(t('loginFailed', { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '12vh' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3}>{t('loginTitle')}</Typography.Title>
        <Form layout="vertical" onFinish={(values: { agentId: string; password: string }) => void submit(values)} requiredMark={false}>
          <Form.Item label={t('agentId')} name="agentId" rules={[{ required: true, message: t('required') }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
