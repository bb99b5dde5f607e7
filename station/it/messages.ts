/** What the IT worker reads when the platform cannot be reached or wants the password again. */
export const IT_MESSAGES = {
  notEnrolled: '本终端尚未接入省级平台，运维控制台无法使用。请先由管理员在“网络与同步”中完成接入。',
  loginNotEnrolled: '本终端尚未接入省级平台，运维人员无法登录。请先由本村管理员完成接入。',
  otherCounty: '该运维账号不管辖本终端所在的区划，不能在本终端登录。',
  offline: (url: string) => `无法连接省级平台（${url}）。请检查本机网络和电子政务外网是否接通，接通后点“重新连接”。`,
  timeout: (seconds: number) => `省级平台在${seconds}秒内没有响应，本次操作未完成。请稍后重试。`,
  intercepted: '网络已连接，但访问省级平台被拦截（可能要先在浏览器中完成上网认证），本次操作未完成。',
  busy: '省级平台暂时无法处理请求，本次操作未完成。请稍后重试。',
  unreadable: '省级平台返回了无法识别的内容，本次操作未完成。请确认平台版本与本软件匹配。',
  passwordNeeded: '请输入您的密码连接省级平台。',
  expired: '与省级平台的登录已过期，请重新输入密码。',
  connecting: '正在连接省级平台…',
  notCatalogJson: '所选文件不是有效的JSON文件，请选择省级平台导出的事项目录文件（.json）。',
} as const;
