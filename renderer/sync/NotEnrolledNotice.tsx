import { Alert, Typography } from 'antd';

/** What the sync panel says on a terminal that was never connected to the provincial platform. */
export function NotEnrolledNotice({ canEnroll }: { canEnroll: boolean }) {
  return (
    <div>
      <Alert
        type="info"
        showIcon
        title="本机尚未接入省级平台"
        description="受理的申请都安全地保存在本机，但还不能上报到乡镇和县里。接入后会自动上报，无需手动操作。"
        style={{ marginBottom: 16 }}
      />
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        如何接入
      </Typography.Title>
      <ol style={{ paddingLeft: 20, lineHeight: 1.9, margin: 0 }}>
        <li>向县级运维人员索取省级平台地址和本服务点的注册码（一次性有效）。</li>
        {canEnroll ? (
          <li>点下面的“接入省级平台”，填写平台地址和注册码，点“接入”。</li>
        ) : (
          <li>请本机管理员（或运维人员）登录后，在此处点“接入省级平台”，填写平台地址和注册码。</li>
        )}
        <li>接入时本机须能连上电子政务外网；接入后请重新登录。</li>
      </ol>
    </div>
  );
}
