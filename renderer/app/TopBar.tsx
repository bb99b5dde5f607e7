import { useEffect, useState } from 'react';
import { App, Button, Dropdown, Layout, Modal, Space, Typography } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  DownOutlined,
  FontSizeOutlined,
  KeyOutlined,
  LockOutlined,
  CloudServerOutlined,
  FileDoneOutlined,
  HomeOutlined,
  LogoutOutlined,
  MessageOutlined,
  ScanOutlined,
  SolutionOutlined,
  ToolOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNav, type Route } from './nav';
import { useSession } from './session';
import { SyncStatus } from '../sync/SyncStatus';
import { ReaderStatus } from '../id-card/ReaderStatus';
import { ChangePasswordForm } from '../session/ChangePasswordForm';
import { DisplayDialog } from '../session/DisplayDialog';

interface NavEntry {
  label: string;
  route: Route;
  icon: React.ReactNode;
  match: Route['name'][];
  /** A function key that opens it from anywhere (shown on the button). */
  shortcut?: 'F2' | 'F3';
}

/** The village terminal's menu (cadre, admin). */
const VILLAGE_NAV: NavEntry[] = [
  { label: '首页', route: { name: 'home' }, icon: <HomeOutlined />, match: ['home'] },
  {
    label: '受理新申请',
    route: { name: 'residents' },
    icon: <SolutionOutlined />,
    match: ['residents', 'resident', 'items', 'form', 'receipt'],
    shortcut: 'F2',
  },
  { label: '申请队列', route: { name: 'queue' }, icon: <UnorderedListOutlined />, match: ['queue', 'detail', 'supplement', 'document'], shortcut: 'F3' },
  { label: '交接清单', route: { name: 'handover' }, icon: <FileDoneOutlined />, match: ['handover', 'document'] },
  { label: '统计', route: { name: 'stats' }, icon: <BarChartOutlined />, match: ['stats', 'ledger'] },
];

/** The township reviewer's menu. */
const REVIEWER_NAV: NavEntry[] = [
  { label: '审核工作台', route: { name: 'review' }, icon: <AuditOutlined />, match: ['review', 'review-detail'], shortcut: 'F2' },
  { label: '核验回执', route: { name: 'receipt-check' }, icon: <ScanOutlined />, match: ['receipt-check'], shortcut: 'F3' },
  { label: '交接清单', route: { name: 'handover' }, icon: <FileDoneOutlined />, match: ['handover', 'document'] },
  { label: '差评跟进', route: { name: 'follow-ups' }, icon: <MessageOutlined />, match: ['follow-ups'] },
  { label: '统计', route: { name: 'stats' }, icon: <BarChartOutlined />, match: ['stats', 'ledger'] },
];

/** 系统维护: backups, restore, the diagnostics bundle (the terminal's admin and IT). */
const MAINTENANCE: NavEntry = { label: '系统维护', route: { name: 'maintenance' }, icon: <ToolOutlined />, match: ['maintenance'] };

/** County IT staff (运维): the console on the platform, the statistics of what this terminal holds (a county terminal: the county's), its maintenance. */
const IT_NAV: NavEntry[] = [
  { label: '运维控制台', route: { name: 'it' }, icon: <CloudServerOutlined />, match: ['it'] },
  { label: '统计', route: { name: 'stats' }, icon: <BarChartOutlined />, match: ['stats'] },
  MAINTENANCE,
];

/** The admin's menu: the village menu plus 系统维护. */
const ADMIN_NAV: NavEntry[] = [...VILLAGE_NAV, MAINTENANCE];

function menuFor(role: string): NavEntry[] {
  if (role === 'it') return IT_NAV;
  if (role === 'reviewer') return REVIEWER_NAV;
  return role === 'admin' ? ADMIN_NAV : VILLAGE_NAV;
}

/**
 * Whether a dialog holds the keyboard: one shown, not one hidden nor one leaving. Its fade-out runs ~0.3 s
 * after Esc (seconds on a busy old PC), and a cadre's F2 in that time must not be lost.
 */
function dialogOpen(): boolean {
  const panels = document.querySelectorAll<HTMLElement>('.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
  return [...panels].some((panel) => !/-leave\b/.test(panel.className) && panel.checkVisibility());
}

/** F2, F3 …: the menu's function keys, from any screen, unless a dialog is open (it keeps the keyboard). */
function useShortcuts(menu: NavEntry[], go: (r: Route) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const entry = menu.find((n) => n.shortcut === e.key);
      if (!entry || e.ctrlKey || e.altKey || e.metaKey || dialogOpen()) return;
      e.preventDefault();
      go(entry.route);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menu, go]);
}

/** Service point, navigation, sync status, the cadre and 退出. */
export function TopBar({ onLock }: { onLock(): void }) {
  const { route, go } = useNav();
  const { user, servicePoint, logout } = useSession();
  const menu = menuFor(user.role);
  useShortcuts(menu, go);
  const [changingPassword, setChangingPassword] = useState(false);
  const [changingDisplay, setChangingDisplay] = useState(false);
  const { message } = App.useApp();
  const confirmLogout = () =>
    Modal.confirm({
      title: '确定退出登录吗？',
      content: user.role === 'it' ? '退出后与省级平台的连接也会断开。' : '正在填写的申请已自动保存，下次登录后可在“申请队列”中继续填写。',
      okText: '退出',
      cancelText: '取消',
      onOk: logout,
    });
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, color: '#fff' }}>
      <Typography.Text
        strong
        ellipsis={{ tooltip: servicePoint.name }}
        style={{ color: '#fff', fontSize: 17, maxWidth: menu.length > 3 ? 220 : 330, flexShrink: 1 }}
      >
        {servicePoint.name}
      </Typography.Text>
      <nav aria-label="主菜单" style={{ display: 'flex', gap: 4, flexShrink: 0 }}>
        {menu.map((n) => {
          const active = n.match.includes(route.name) && !(route.name === 'document' && (route.kind === 'handover') !== (n.route.name === 'handover'));
          return (
            <Button
              key={n.label}
              type={active ? 'primary' : 'text'}
              icon={n.icon}
              style={active ? undefined : { color: '#dfe8f5' }}
              aria-current={active ? 'page' : undefined}
              aria-keyshortcuts={n.shortcut}
              title={n.shortcut ? `${n.label}（${n.shortcut}）` : undefined}
              onClick={() => go(n.route)}
            >
              {n.label}
              {n.shortcut && <kbd className="shortcut">{n.shortcut}</kbd>}
            </Button>
          );
        })}
      </nav>
      <div style={{ flex: 1 }} />
      {user.role !== 'reviewer' && user.role !== 'it' && <ReaderStatus />}
      <SyncStatus />
      <Space size={8} style={{ flexShrink: 0 }}>
        <Dropdown
          trigger={['click']}
          // Opened with Enter, the menu takes the focus: arrows choose, Enter picks (keyboard first).
          autoFocus
          menu={{
            items: [
              ...(user.role === 'it' ? [] : [{ key: 'password', icon: <KeyOutlined />, label: '修改密码' }]),
              { key: 'display', icon: <FontSizeOutlined />, label: '字号与对比度' },
              { key: 'lock', icon: <LockOutlined />, label: '锁定屏幕' },
            ],
            onClick: ({ key }) => (key === 'lock' ? onLock() : key === 'display' ? setChangingDisplay(true) : setChangingPassword(true)),
          }}
        >
          <Button type="text" size="small" style={{ color: '#fff' }} aria-label={`${user.displayName}：修改密码、锁定屏幕`}>
            <UserOutlined /> {user.displayName} <DownOutlined style={{ fontSize: 11 }} />
          </Button>
        </Dropdown>
        <Button size="small" icon={<LogoutOutlined />} onClick={confirmLogout}>
          退出
        </Button>
      </Space>
      <Modal open={changingPassword} title="修改密码" footer={null} onCancel={() => setChangingPassword(false)} destroyOnHidden width={440}>
        <ChangePasswordForm
          onChanged={() => {
            setChangingPassword(false);
            void message.success('密码已修改，下次登录请使用新密码。联网后会同步到您的其他终端。');
          }}
        />
      </Modal>
      <DisplayDialog open={changingDisplay} onClose={() => setChangingDisplay(false)} />
    </Layout.Header>
  );
}
