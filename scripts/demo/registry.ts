// The demo registers of enterprises and villages of 晋中市, for `npm start`: every county's
// real townships; the enterprises and villages the source article names, where they are
// (山西强伟纸业 in 榆次区, 两渡村 in 灵石县两渡镇, 南庄村 in 介休市龙凤镇, …); and, around
// them, enterprises and villages named as such places are named. Credit codes carry 晋中's
// registration codes (1407xx) and valid check characters. Seeded, so every run is the same.

import type { Firestore } from 'firebase-admin/firestore';
import { countyCode, creditCodeCheckChar, type EnterpriseRecord, type VillageRecord, villageSlug } from '@taizhang/ledger';
import { writeTargets } from '@taizhang/functions/admin';

/** The townships (乡镇、街道) of each county. */
export const TOWNSHIPS: Readonly<Record<string, readonly string[]>> = {
  榆次区: ['修文镇', '东阳镇', '什贴镇', '长凝镇', '北田镇', '乌金山镇', '郭家堡乡', '张庆乡', '东赵乡', '庄子乡'],
  太谷区: ['明星镇', '胡村镇', '范村镇', '侯城乡', '北洸乡', '阳邑乡', '小白乡', '任村乡', '水秀乡'],
  榆社县: ['箕城镇', '云竹镇', '郝北镇', '社城镇', '河峪乡', '北寨乡', '西马乡', '讲堂乡'],
  左权县: ['辽阳镇', '桐峪镇', '麻田镇', '芹泉镇', '拐儿镇', '石匣乡', '龙泉乡', '羊角乡'],
  和顺县: ['义兴镇', '李阳镇', '松烟镇', '青城镇', '横岭镇', '阳光占乡', '平松乡', '马坊乡'],
  昔阳县: ['乐平镇', '皋落镇', '冶头镇', '沾尚镇', '大寨镇', '李家庄乡', '界都乡', '三都乡', '赵壁乡'],
  寿阳县: ['朝阳镇', '南燕竹镇', '宗艾镇', '平头镇', '松塔镇', '西洛镇', '尹灵芝镇', '平舒乡', '解愁乡', '马首乡'],
  祁县: ['昭馀镇', '东观镇', '古县镇', '贾令镇', '城赵镇', '来远镇', '西六支乡', '峪口乡'],
  平遥县: ['古陶镇', '段村镇', '东泉镇', '洪善镇', '宁固镇', '南政乡', '中都乡', '岳壁乡', '卜宜乡', '朱坑乡', '襄垣乡', '杜家庄乡'],
  灵石县: ['翠峰镇', '静升镇', '两渡镇', '夏门镇', '南关镇', '段纯镇', '英武乡', '王禹乡', '坛镇乡', '交口乡'],
  介休市: ['义安镇', '张兰镇', '连福镇', '洪山镇', '龙凤镇', '绵山镇', '义棠镇', '城关乡', '宋古乡', '三佳乡'],
};

/** The villages the article and the place are known by, in their townships. */
const KNOWN_VILLAGES: readonly [string, string, string][] = [
  ['榆次区', '北田镇', '杜堡村'],
  ['榆次区', '庄子乡', '西墕村'],
  ['榆次区', '庄子乡', '季麻村'],
  ['榆次区', '东阳镇', '西阳村'],
  ['榆次区', '东阳镇', '车辋村'],
  ['榆次区', '东赵乡', '后沟村'],
  ['灵石县', '两渡镇', '两渡村'],
  ['灵石县', '静升镇', '静升村'],
  ['介休市', '龙凤镇', '南庄村'],
  ['介休市', '龙凤镇', '张壁村'],
  ['昔阳县', '大寨镇', '大寨村'],
  ['祁县', '东观镇', '乔家堡村'],
  ['平遥县', '段村镇', '段村'],
];

/** The enterprises the article names, with the credit codes the contract gives three of them. */
const KNOWN_ENTERPRISES: readonly (Omit<EnterpriseRecord, 'active' | 'aliases'> & { aliases?: string[] })[] = [
  {
    creditCode: '91140700MA0K12345X',
    name: '山西强伟纸业有限公司',
    aliases: ['强伟纸业'],
    county: '榆次区',
    township: '修文镇',
    sector: '工业和信息软件服务业',
  },
  {
    creditCode: '91140702MA0J77777T',
    name: '联安矿用设备有限公司',
    aliases: ['联安矿用'],
    county: '榆次区',
    township: '修文镇',
    sector: '工业和信息软件服务业',
  },
  { creditCode: '91140781MA0H88888E', name: '晋中交通建设有限公司', aliases: ['晋中交建'], county: '介休市', township: '义安镇', sector: '建筑业' },
  { creditCode: '', name: '山西金榜乳业有限公司', county: '榆次区', township: '东阳镇', sector: '农业' },
  { creditCode: '', name: '金柏林生物科技有限公司', county: '榆次区', township: '东阳镇', sector: '工业和信息软件服务业' },
  { creditCode: '', name: '山西康养源农业开发有限公司', county: '榆次区', township: '庄子乡', sector: '农业' },
  { creditCode: '', name: '山西新能源汽车工业有限公司', county: '榆次区', township: '修文镇', sector: '工业和信息软件服务业' },
  { creditCode: '', name: '山西海玉园食品有限公司', county: '榆次区', township: '北田镇', sector: '农业' },
  { creditCode: '', name: '北田镇芊源农业科技有限公司', county: '榆次区', township: '北田镇', sector: '农业' },
  { creditCode: '', name: '果果里农业科技有限公司', aliases: ['果果里农业科技公司'], county: '榆次区', township: '北田镇', sector: '农业' },
  { creditCode: '', name: '晋中林果丰种养专业合作社', aliases: ['林果丰合作社'], county: '榆次区', township: '北田镇', sector: '农业' },
  { creditCode: '', name: '晋中市国有资本投资运营有限公司', aliases: ['晋中市国资公司'], county: '市直', sector: '其他服务业' },
];

const WORDS = [
  '宏达',
  '晋龙',
  '鑫源',
  '恒泰',
  '华晋',
  '瑞丰',
  '德隆',
  '聚源',
  '昌盛',
  '益民',
  '金谷',
  '太行',
  '汾河',
  '广源',
  '兴旺',
  '福星',
  '天利',
  '诚信',
  '绿源',
  '新星',
];
const TRADES: readonly [string, string][] = [
  ['农业科技', '农业'],
  ['食品', '农业'],
  ['种养专业合作社', '农业'],
  ['机械制造', '工业和信息软件服务业'],
  ['新材料', '工业和信息软件服务业'],
  ['煤化工', '工业和信息软件服务业'],
  ['软件科技', '工业和信息软件服务业'],
  ['建筑工程', '建筑业'],
  ['路桥建设', '建筑业'],
  ['商贸', '批零住餐'],
  ['餐饮管理', '批零住餐'],
  ['文化旅游开发', '文化旅游'],
  ['物流', '交通运输'],
  ['运输', '交通运输'],
  ['物业服务', '其他服务业'],
];
const VILLAGE_HEADS = ['东', '西', '南', '北', '上', '下', '前', '后', '大', '小', '王', '李', '张', '郭', '赵', '刘'];
const VILLAGE_TAILS = ['庄村', '堡村', '沟村', '寨村', '峪村', '家庄村', '营村', '河村', '坪村', '头村'];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A credit code registered in `county` (its division code; 市直: 140700), with its check character. */
function creditCodeIn(r: () => number, county: string): string {
  const body = `91${countyCode(county)}MA0${Array.from({ length: 6 }, () => CODE_CHARS[Math.floor(r() * CODE_CHARS.length)]).join('')}`;
  return body + creditCodeCheckChar(body);
}

function build(): { enterprises: EnterpriseRecord[]; villages: VillageRecord[] } {
  const r = random(20220214);
  const counties = Object.keys(TOWNSHIPS);
  const enterprises: EnterpriseRecord[] = KNOWN_ENTERPRISES.map((e) => ({
    ...e,
    creditCode: e.creditCode || creditCodeIn(r, e.county),
    aliases: e.aliases ?? [],
    active: true,
  }));
  const names = new Set(enterprises.map((e) => e.name));
  for (let i = 0; enterprises.length < 230; i++) {
    const county = counties[i % counties.length]!;
    const [trade, sector] = TRADES[Math.floor(r() * TRADES.length)]!;
    const word = WORDS[Math.floor(r() * WORDS.length)]!;
    const place = r() < 0.5 ? '山西' : county.slice(0, -1);
    const name = trade.endsWith('合作社') ? `${county.slice(0, -1)}${word}${trade}` : `${place}${word}${trade}有限公司`;
    if (names.has(name)) continue;
    names.add(name);
    const townships = TOWNSHIPS[county]!;
    enterprises.push({
      creditCode: creditCodeIn(r, county),
      name,
      aliases: [],
      county,
      township: townships[Math.floor(r() * townships.length)]!,
      sector,
      active: true,
    });
  }
  const villages: VillageRecord[] = KNOWN_VILLAGES.map(([county, township, name]) => ({
    id: villageSlug(county, township, name),
    county,
    township,
    name,
    active: true,
  }));
  const taken = new Set(villages.map((v) => `${v.county}|${v.name}`));
  for (const county of counties) {
    for (const township of TOWNSHIPS[county]!) {
      for (let k = 0; k < 2; k++) {
        const name = `${VILLAGE_HEADS[Math.floor(r() * VILLAGE_HEADS.length)]}${VILLAGE_TAILS[Math.floor(r() * VILLAGE_TAILS.length)]}`;
        if (taken.has(`${county}|${name}`)) continue;
        taken.add(`${county}|${name}`);
        villages.push({ id: villageSlug(county, township, name), county, township, name, active: true });
      }
    }
  }
  return { enterprises, villages };
}

export const DEMO_REGISTRY = build();

/** The demo registers into the store, unless it has enterprises already (an administrator's own). */
export async function seedRegistry(db: Firestore): Promise<number> {
  if (!(await db.collection('enterprises').limit(1).get()).empty) return 0;
  await writeTargets(db, 'enterprises', DEMO_REGISTRY.enterprises);
  await writeTargets(db, 'villages', DEMO_REGISTRY.villages);
  return DEMO_REGISTRY.enterprises.length + DEMO_REGISTRY.villages.length;
}
