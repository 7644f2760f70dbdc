// A known dataset for the supervision tests: fixed dates, every figure countable by hand.
// As of 2022-06-01 (a Wednesday).
import type { GroupActivity, GroupRecord, SupervisedRow } from '@taizhang/ledger';

export const AS_OF = '2022-06-01';

function row(id: string, updatedOn: string, v: Record<string, string>): SupervisedRow {
  return { id, updatedOn, values: { sector: '农业', category: '政策落实', targetName: `对象${id}`, foundOn: '2022-03-01', ...v } };
}

// 榆次区 (Y): 4 rows, 1 resolved, 2 overdue (Y2 by 31 days, Y3 by 1 day).
// 介休市 (J): 3 rows, 2 resolved, 1 overdue (J1 by 62 days).
// 太谷区 (T): 2 rows, 0 resolved, 0 overdue (deadline on asOf is not overdue).
export const ROWS: SupervisedRow[] = [
  row('P-140702-2022-000001', '2022-03-01', { county: '榆次区', group: '榆次1组', level: '现场解决', status: '已解决' }),
  row('P-140702-2022-000002', '2022-05-01', {
    county: '榆次区',
    group: '榆次1组',
    level: '协调解决',
    department: '市工信局',
    status: '办理中',
    deadline: '2022-05-01',
    sector: '建筑业',
  }),
  row('P-140702-2022-000003', '2022-05-10', {
    county: '榆次区',
    group: '榆次2组',
    level: '提交市级',
    department: '市住建局',
    status: '待办理',
    deadline: '2022-05-31',
    sector: '建筑业',
  }),
  row('P-140702-2022-000004', '2022-05-25', {
    county: '榆次区',
    group: '榆次2组',
    level: '提交市级',
    department: '市工信局',
    status: '办理中',
    deadline: '2022-07-01',
  }),
  row('P-140781-2022-000001', '2022-03-15', {
    county: '介休市',
    group: '介休1组',
    level: '协调解决',
    department: '市工信局',
    status: '待办理',
    deadline: '2022-03-31',
  }),
  row('P-140781-2022-000002', '2022-05-01', {
    county: '介休市',
    group: '介休1组',
    level: '提交市级',
    department: '市农业农村局',
    status: '已解决',
    deadline: '2022-03-01',
  }),
  row('P-140781-2022-000003', '2022-03-01', { county: '介休市', group: '介休1组', level: '现场解决', status: '已解决' }),
  row('P-140703-2022-000001', '2022-04-01', {
    county: '太谷区',
    group: '太谷1组',
    level: '提交市级',
    department: '市农业农村局',
    status: '办理中',
    deadline: '2022-06-01',
  }),
  row('P-140703-2022-000002', '2022-05-30', {
    county: '太谷区',
    group: '太谷1组',
    level: '协调解决',
    department: '市住建局',
    status: '待办理',
    deadline: '2022-06-30',
  }),
];

const g = (id: string, name: string, county: string, active = true): GroupRecord => ({ id, name, county, targetType: '入企', department: '市工信局', active });

export const GROUPS: GroupRecord[] = [
  g('YC-01', '榆次1组', '榆次区'),
  g('YC-02', '榆次2组', '榆次区'),
  g('YC-03', '榆次3组', '榆次区'),
  g('YC-04', '榆次4组', '榆次区', false), // inactive: never silent
  g('JX-01', '介休1组', '介休市'),
  g('JX-02', '介休2组', '介休市'),
  g('TG-01', '太谷1组', '太谷区'),
];

// Pushes in the period: 榆次1组 by name, YC-02 by id, 介休1组; 太谷1组 pushed in 介休市's name
// (another county) does not count for 太谷区.
export const ACTIVITY: GroupActivity[] = [
  { county: '榆次区', group: '榆次1组', pushes: 3 },
  { county: '榆次区', group: 'YC-02', pushes: 1 },
  { county: '介休市', group: '介休1组', pushes: 2 },
  { county: '介休市', group: '太谷1组', pushes: 1 },
  { county: '榆次区', group: '榆次4组', pushes: 1 },
];
