/**
 * electron-updater's failures, for the cadre: short Chinese sentences that say the app keeps working and
 * what happens next. The raw error goes to the log, never to the screen.
 */

export const UPDATE_MESSAGES = {
  unsupported: '此运行方式不支持在线更新（只有安装版的代办终端会自动更新）。',
  notReady: '新版本还没有下载完成，暂时不能安装；下载完成后界面上会有提示。',
  busy: '还有内容正在保存，请稍等几秒再点“现在重启并安装”。',
  installing: '正在关闭并安装新版本，请稍候…',
  offline: '暂时连不上省级平台，无法检查更新；联网后会自动检查。',
  notEnrolled: '本终端尚未注册到省级平台，注册后才会检查更新。',
  network: '暂时连不上省级平台的更新服务，稍后会自动重试；不影响正常办理业务。',
  checksum: '下载的更新文件校验不一致，已丢弃，稍后会重新下载；不影响正常办理业务。',
  signature: '下载的安装包签名不正确，已拒绝安装。请联系县级运维人员。',
  feed: '省级平台提供的更新信息不完整，已跳过本次更新。请联系县级运维人员。',
  disk: '本机磁盘空间不足或无法写入，新版本下载失败。请清理磁盘后重试，或联系县级运维人员。',
  other: '检查或下载更新时出错，稍后会自动重试；不影响正常办理业务。',
  installFailed: '新版本未能开始安装，代办终端将以原版本重新打开。请联系县级运维人员。',
  schemaTooOld: (offered: string, offeredSchema: number, schema: number) =>
    `平台提供的 ${offered} 版只能打开第${offeredSchema}版的数据，本机数据已是第${schema}版，安装后将无法打开本机数据，已拒绝下载安装；本机继续使用当前版本。请县级运维人员发布能打开第${schema}版数据的版本。`,
  downgradePastSchema: (offered: string, floor: string, schema: number) =>
    `平台提供的 ${offered} 版早于本机数据所用的版本（数据第${schema}版由 ${floor} 版升级），安装后将无法打开本机数据，已拒绝下载安装；本机继续使用当前版本。请县级运维人员发布不低于 ${floor} 的版本。`,
} as const;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function codeOf(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

function messageOf(e: unknown): string {
  return e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
}

/**
 * None: nothing is published for this terminal yet (the platform answers 404 for the feed file), which is
 * the normal state before the first release, not an error.
 */
export function describeUpdateError(e: unknown): { kind: 'none' } | { kind: 'error'; message: string } {
  const code = codeOf(e);
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return { kind: 'none' };
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(messageOf(e))) return { kind: 'error', message: UPDATE_MESSAGES.checksum };
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return { kind: 'error', message: UPDATE_MESSAGES.signature };
  if (code.startsWith('ERR_UPDATER_')) return { kind: 'error', message: UPDATE_MESSAGES.feed };
  if (code === 'ENOSPC' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { kind: 'error', message: UPDATE_MESSAGES.disk };
  // HttpError (HTTP_ERROR_502 …), Node's socket errors and Chromium's net::ERR_* (Electron's net module).
  if (code.startsWith('HTTP_ERROR_') || NETWORK_CODES.has(code) || /net::ERR_|socket hang up|timeout/i.test(messageOf(e))) {
    return { kind: 'error', message: UPDATE_MESSAGES.network };
  }
  return { kind: 'error', message: UPDATE_MESSAGES.other };
}
