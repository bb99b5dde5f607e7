import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namePinyinKeys } from '../../core/pinyin-keys';

test('names give full pinyin and initials; surnames read as surnames', () => {
  assert.deepEqual(namePinyinKeys('王兆明'), { full: 'wangzhaoming', initials: 'wzm' });
  assert.deepEqual(namePinyinKeys('单田芳'), { full: 'shantianfang', initials: 'stf' });
  assert.deepEqual(namePinyinKeys('曾小贤'), { full: 'zengxiaoxian', initials: 'zxx' });
  assert.deepEqual(namePinyinKeys('吕律'), { full: 'lvlv', initials: 'll' }, 'ü is typed v');
  assert.deepEqual(namePinyinKeys('阿依古丽·买买提').initials, 'ayglmmt', 'the 间隔号 is ignored');
});
