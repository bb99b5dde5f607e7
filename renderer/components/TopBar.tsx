import { Button, Layout, Modal, Space, Typography } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  FileDoneOutlined,
  HomeOutlined,
  LogoutOutlined,
  SolutionOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useNav, type Route } from '../app/nav';
import { useSession } from '../app/session';
import { SyncStatus } from './SyncStatus';

interface NavEntry {
  label: string;
  route: Route;
  icon: React.ReactNode;
  match: Route['name'][];
}

/** The village terminal's menu (cadre, admin). */
const VILLAGE_NAV: NavEntry[] = [
  { label: '首页', route: { name: 'home' }, icon: <HomeOutlined />, match: ['home'] },
  { label: '受理新申请', route: { name: 'residents' }, icon: <SolutionOutlined />, match: ['residents', 'items', 'form', 'receipt'] },
  { label: '申请队列', route: { name: 'queue' }, icon: <UnorderedListOutlined />, match: ['queue', 'detail', 'supplement', 'document'] },
  { label: '交接清单', route: { name: 'handover' }, icon: <FileDoneOutlined />, match: ['handover', 'document'] },
  { label: '统计', route: { name: 'stats' }, icon: <BarChartOutlined />, match: ['stats'] },
];

/** The township reviewer's menu. */
const REVIEWER_NAV: NavEntry[] = [
  { label: '审核工作台', route: { name: 'review' }, icon: <AuditOutlined />, match: ['review', 'review-detail'] },
  { label: '交接清单', route: { name: 'handover' }, icon: <FileDoneOutlined />, match: ['handover', 'document'] },
  { label: '统计', route: { name: 'stats' }, icon: <BarChartOutlined />, match: ['stats'] },
];

/** Service point, navigation, sync status, the cadre and 退出. */
export function TopBar() {
  const { route, go } = useNav();
  const { user, servicePoint, logout } = useSession();
  const menu = user.role === 'reviewer' ? REVIEWER_NAV : VILLAGE_NAV;
  const confirmLogout = () =>
    Modal.confirm({
      title: '确定退出登录吗？',
      content: '正在填写的申请已自动保存，下次登录后可在“申请队列”中继续填写。',
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
              onClick={() => go(n.route)}
            >
              {n.label}
            </Button>
          );
        })}
      </nav>
      <div style={{ flex: 1 }} />
      <SyncStatus />
      <Space size={8} style={{ flexShrink: 0 }}>
        <span>
          <UserOutlined /> {user.displayName}
        </span>
        <Button size="small" icon={<LogoutOutlined />} onClick={confirmLogout}>
          退出
        </Button>
      </Space>
    </Layout.Header>
  );
}
