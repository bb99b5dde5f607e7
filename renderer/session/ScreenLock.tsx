import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { call, StationCallError } from '../api/client';
import { flushPendingSaves } from '../app/pending-saves';
import { useAction } from '../shared/use-action';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * The screen lock: after `minutes` without a key or the mouse (or at once, by 锁定屏幕), pending saves land,
 * the station is told to refuse everything but the password, and a curtain covers the screen. What was on
 * screen, half-typed fields included, stays under it and is there again after the password.
 */
export function useScreenLock(minutes: number, startLocked: boolean) {
  const [locked, setLocked] = useState(startLocked);
  const lockedRef = useRef(startLocked);
  const lock = useCallback(async () => {
    if (lockedRef.current) return;
    lockedRef.current = true;
    setLocked(true);
    await flushPendingSaves();
    await call('session.lock', {}).catch(() => undefined);
  }, []);
  useEffect(() => {
    let timer = setTimeout(() => void lock(), minutes * 60_000);
    const active = () => {
      if (lockedRef.current) return;
      clearTimeout(timer);
      timer = setTimeout(() => void lock(), minutes * 60_000);
    };
    for (const e of ACTIVITY) window.addEventListener(e, active, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, active, { capture: true });
    };
  }, [minutes, lock]);
  const unlocked = useCallback(() => {
    lockedRef.current = false;
    setLocked(false);
  }, []);
  return { locked, lock, unlocked };
}

/** The curtain: who is logged in, and their password (Enter); five wrong ones sign them out. */
export function ScreenLockCurtain({ displayName, onUnlocked, onSignedOut }: { displayName: string; onUnlocked(): void; onSignedOut(): void }) {
  const [password, setPassword] = useState('');
  const unlock = useAction(
    async () => {
      await call('session.unlock', { password });
      setPassword('');
      onUnlocked();
    },
    (e) => {
      const err = StationCallError.from(e);
      setPassword('');
      if (err.code === 'AUTH_REQUIRED') setTimeout(onSignedOut, 2_500);
      return err.message;
    },
  );
  return (
    <Modal
      open
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={null}
      centered
      width={440}
      styles={{ mask: { background: '#12407f' } }}
      title={
        <span>
          <LockOutlined /> 屏幕已锁定
        </span>
      }
    >
      <Typography.Paragraph>
        {displayName}，为保护群众的个人信息，一段时间没有操作后屏幕会自动锁定。正在填写的内容都还在，输入您的登录密码即可继续。
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void unlock.run()}>
        <Form.Item label="登录密码" htmlFor="unlock-password">
          <Input.Password id="unlock-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="current-password" />
        </Form.Item>
        {unlock.error && <Alert type="error" showIcon title={unlock.error} style={{ marginBottom: 12 }} role="alert" />}
        <Button type="primary" htmlType="submit" block size="large" loading={unlock.busy} disabled={!password}>
          解锁
        </Button>
      </Form>
    </Modal>
  );
}
