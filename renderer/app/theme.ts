import type { ThemeConfig } from 'antd';

/** Large, calm type for an old 1366×768 screen: 16 px base, roomy controls. */
export const theme: ThemeConfig = {
  token: {
    fontSize: 16,
    controlHeight: 36,
    borderRadius: 4,
    colorPrimary: '#1d5fbf',
    fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif',
  },
  components: {
    Layout: { headerHeight: 52, headerPadding: '0 16px', headerBg: '#12407f' },
  },
};
