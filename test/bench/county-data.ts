import { citizenIdCheckChar } from '../../core/citizen-id';

/** What a county's data looks like, for benchmarks: common surnames and given names, valid ID numbers, a fixed seed. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN = '秀英桂兰玉梅兆明建国志强春花冬梅海燕小红伟华国庆德胜金凤淑珍丽娟永福文杰光荣家豪俊杰子涵欣怡雨轩浩然思远明辉红霞凤英';

let seed = 42;
export const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
export const pick = <T>(s: ArrayLike<T>) => s[Math.floor(rand() * s.length)]!;
export const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function randomName(): string {
  const given = Array.from({ length: rand() < 0.7 ? 2 : 1 }, () => pick(GIVEN)).join('');
  return pick(SURNAMES) + given;
}

export function idNumber(i: number): string {
  const year = 1930 + Math.floor(rand() * 85);
  const date = `${year}${pad(1 + Math.floor(rand() * 12), 2)}${pad(1 + Math.floor(rand() * 28), 2)}`;
  const first17 = `360781${date}${pad(i % 1000, 3)}`;
  return first17 + citizenIdCheckChar(first17);
}
