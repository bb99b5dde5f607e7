import { useState } from 'react';
import { App, Button, Card, InputNumber, Space } from 'antd';
import { call } from '../api/client';
import { useSession } from '../app/session';
import { useAction } from '../shared/use-action';

/** 屏幕锁定 (the terminal's admin): minutes without input before the screen locks, 1 to 60. */
export function ScreenLockCard() {
  const { user, idleLockMinutes, setIdleLockMinutes } = useSession();
  const { message } = App.useApp();
  const [minutes, setMinutes] = useState<number | null>(idleLockMinutes);
  const save = useAction(async () => {
    if (minutes === null) return;
    const s = await call('session.setIdleLock', { minutes });
    setIdleLockMinutes(s.idleLockMinutes);
    void message.success(`已设置：${s.idleLockMinutes}分钟无人操作自动锁定屏幕`);
  });
  if (user.role !== 'admin') return null;
  return (
    <Card title="屏幕锁定" style={{ marginBottom: 16 }}>
      <p style={{ marginTop: 0 }}>电脑上存有群众的个人信息：代办员离开时，屏幕在无人操作一段时间后自动锁定，输入本人登录密码后继续，正在填写的内容不会丢失。</p>
      <Space>
        <span id="idle-lock-label">无人操作</span>
        <InputNumber
          aria-labelledby="idle-lock-label"
          min={1}
          max={60}
          precision={0}
          value={minutes}
          onChange={setMinutes}
          suffix="分钟"
          style={{ width: 120 }}
        />
        <span>后锁定</span>
        <Button type="primary" onClick={() => void save.run()} loading={save.busy} disabled={minutes === null || minutes === idleLockMinutes}>
          保存
        </Button>
      </Space>
      {save.error && <div className="cell-error">{save.error}</div>}
    </Card>
  );
}
