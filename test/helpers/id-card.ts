/** A second-generation ID card as the simulated reader holds it (test/helpers for the id-card tests): 王秀英 of 华屋村, valid for good. */
export const TEST_CARD = {
  name: '王秀英',
  gender: 'female' as const,
  ethnicityCode: '01',
  birth: '19580312',
  address: '江西省瑞金市叶坪乡华屋村3组12号',
  idNumber: '360781195803120024',
  authority: '瑞金市公安局',
  validFrom: '20150601',
  validUntil: '长期',
};

/** TEST_CARD as a read gives it to the screen: named, dated, 长期 as null. */
export const TEST_CARD_READ = {
  name: '王秀英',
  gender: 'female' as const,
  ethnicity: '汉族',
  birthDate: '1958-03-12',
  address: '江西省瑞金市叶坪乡华屋村3组12号',
  idNumber: '360781195803120024',
  authority: '瑞金市公安局',
  validFrom: '2015-06-01',
  validUntil: null,
};
