// The demo registry of responsible departments (docs/workflow.md#departments): the city's
// departments and units, and two counties' own, with the other names clerks write for them.
// Every name the demo rows write (rows.ts) is here except 县自然资源局 and 乡镇人民政府, which
// name no one department: `admin migrate` lists them for an administrator to settle.

import type { DepartmentRecord } from '@taizhang/ledger';

export const DEMO_DEPARTMENTS: readonly DepartmentRecord[] = [
  { id: 'jz-zrzy', name: '市自然资源局', aliases: ['晋中市自然资源局'], county: '市直', active: true },
  { id: 'jz-zjj', name: '市住房和城乡建设局', aliases: ['市住建局', '晋中市住建局'], county: '市直', active: true },
  { id: 'jz-gxj', name: '市工业和信息化局', aliases: ['市工信局', '晋中市工信局'], county: '市直', active: true },
  { id: 'jz-nyncj', name: '市农业农村局', aliases: ['晋中市农业农村局'], county: '市直', active: true },
  { id: 'jz-gzgs', name: '市国资公司', aliases: ['晋中市国资公司'], county: '市直', active: true },
  { id: 'jz-swj', name: '市商务局', aliases: ['晋中市商务局'], county: '市直', active: true },
  { id: 'jz-wlj', name: '市文化和旅游局', aliases: ['市文旅局', '晋中市文旅局'], county: '市直', active: true },
  { id: 'jz-jtj', name: '市交通运输局', aliases: ['市交通局', '晋中市交通局'], county: '市直', active: true },
  { id: 'jz-fgw', name: '市发展和改革委员会', aliases: ['市发展改革委', '市发改委'], county: '市直', active: true },
  { id: 'jz-rsj', name: '市人力资源和社会保障局', aliases: ['市人社局', '晋中市人社局'], county: '市直', active: true },
  { id: 'jz-gdgs', name: '国网晋中供电公司', aliases: ['晋中供电公司', '供电公司'], county: '市直', active: true },
  { id: 'yc-zrzy', name: '榆次区自然资源局', aliases: ['榆次区自然资源分局'], county: '榆次区', active: true },
  { id: 'jx-zjj', name: '介休市住房和城乡建设局', aliases: ['介休市住建局'], county: '介休市', active: true },
];
