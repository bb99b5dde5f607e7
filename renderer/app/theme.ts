import type { ThemeConfig } from 'antd';
import type { DisplaySettings } from '../../core/api/views';

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

/** 标准 / 大 / 特大: the base type size in px (controls grow with it). */
export const FONT_PX: Record<DisplaySettings['fontSize'], number> = { standard: 16, large: 18, xlarge: 20 };

/** Black on white, darker blue and borders: for old eyes and a bright office (WCAG AAA contrast for text). */
const HIGH_CONTRAST: ThemeConfig['token'] = {
  colorText: '#000000',
  colorTextSecondary: '#1f1f1f',
  colorTextTertiary: '#262626',
  colorTextDescription: '#1f1f1f',
  colorTextPlaceholder: '#434343',
  colorBorder: '#434343',
  colorBorderSecondary: '#595959',
  colorPrimary: '#0b3a82',
  colorError: '#a8071a',
  colorSuccess: '#135200',
  colorBgLayout: '#ffffff',
};

/** The terminal's 字号与对比度 on top of the base theme (the outer ConfigProvider in main.tsx). */
export function themeFor(d: DisplaySettings): ThemeConfig {
  const fontSize = FONT_PX[d.fontSize];
  return {
    token: { fontSize, controlHeight: Math.round((fontSize * 36) / 16), ...(d.highContrast ? HIGH_CONTRAST : {}) },
  };
}
