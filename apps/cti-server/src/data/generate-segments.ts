// Generates number-segments.json: Chinese mobile number segments (first 7 digits) → province/city.
// Deterministic, so the file can be regenerated and reviewed. Run: tsx src/data/generate-segments.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Prng } from '@octopus/prng';

// [province, city, provinceEn, cityEn, weight]
const CITIES: Array<[string, string, string, string, number]> = [
  ['北京', '北京', 'Beijing', 'Beijing', 6], ['上海', '上海', 'Shanghai', 'Shanghai', 6], ['天津', '天津', 'Tianjin', 'Tianjin', 3],
  ['重庆', '重庆', 'Chongqing', 'Chongqing', 4], ['广东', '广州', 'Guangdong', 'Guangzhou', 5], ['广东', '深圳', 'Guangdong', 'Shenzhen', 5],
  ['广东', '东莞', 'Guangdong', 'Dongguan', 3], ['广东', '佛山', 'Guangdong', 'Foshan', 3], ['浙江', '杭州', 'Zhejiang', 'Hangzhou', 4],
  ['浙江', '宁波', 'Zhejiang', 'Ningbo', 3], ['浙江', '温州', 'Zhejiang', 'Wenzhou', 2], ['江苏', '南京', 'Jiangsu', 'Nanjing', 4],
  ['江苏', '苏州', 'Jiangsu', 'Suzhou', 4], ['江苏', '无锡', 'Jiangsu', 'Wuxi', 2], ['山东', '济南', 'Shandong', 'Jinan', 3],
  ['山东', '青岛', 'Shandong', 'Qingdao', 3], ['河南', '郑州', 'Henan', 'Zhengzhou', 3], ['河南', '洛阳', 'Henan', 'Luoyang', 2],
  ['河北', '石家庄', 'Hebei', 'Shijiazhuang', 3], ['河北', '保定', 'Hebei', 'Baoding', 2], ['湖北', '武汉', 'Hubei', 'Wuhan', 4],
  ['湖南', '长沙', 'Hunan', 'Changsha', 3], ['四川', '成都', 'Sichuan', 'Chengdu', 5], ['四川', '绵阳', 'Sichuan', 'Mianyang', 2],
  ['福建', '福州', 'Fujian', 'Fuzhou', 3], ['福建', '厦门', 'Fujian', 'Xiamen', 3], ['安徽', '合肥', 'Anhui', 'Hefei', 3],
  ['江西', '南昌', 'Jiangxi', 'Nanchang', 2], ['陕西', '西安', 'Shaanxi', "Xi'an", 4], ['山西', '太原', 'Shanxi', 'Taiyuan', 2],
  ['辽宁', '沈阳', 'Liaoning', 'Shenyang', 3], ['辽宁', '大连', 'Liaoning', 'Dalian', 3], ['吉林', '长春', 'Jilin', 'Changchun', 2],
  ['黑龙江', '哈尔滨', 'Heilongjiang', 'Harbin', 3], ['云南', '昆明', 'Yunnan', 'Kunming', 3], ['贵州', '贵阳', 'Guizhou', 'Guiyang', 2],
  ['广西', '南宁', 'Guangxi', 'Nanning', 2], ['广西', '桂林', 'Guangxi', 'Guilin', 1], ['海南', '海口', 'Hainan', 'Haikou', 1],
  ['海南', '三亚', 'Hainan', 'Sanya', 1], ['甘肃', '兰州', 'Gansu', 'Lanzhou', 2], ['青海', '西宁', 'Qinghai', 'Xining', 1],
  ['宁夏', '银川', 'Ningxia', 'Yinchuan', 1], ['新疆', '乌鲁木齐', 'Xinjiang', 'Urumqi', 2], ['西藏', '拉萨', 'Tibet', 'Lhasa', 1],
  ['内蒙古', '呼和浩特', 'Inner Mongolia', 'Hohhot', 2], ['内蒙古', '包头', 'Inner Mongolia', 'Baotou', 1],
];

// China Mobile, Unicom, Telecom and Broadnet number blocks in use.
const PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '149', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '167', '170', '171', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184',
  '185', '186', '187', '188', '189', '190', '191', '192', '193', '195', '196', '197', '198', '199',
];

const prng = new Prng(20261121);
const random = (): number => prng.next();
const weighted = CITIES.flatMap((c) => Array.from({ length: c[4] }, () => c));
const rows = new Map<string, [string, string, string, string]>();
for (const prefix of PREFIXES) {
  const used = new Set<number>();
  while (used.size < 14) used.add(Math.floor(random() * 10000));
  for (const block of used) {
    const city = weighted[Math.floor(random() * weighted.length)]!;
    rows.set(prefix + String(block).padStart(4, '0'), [city[0], city[1], city[2], city[3]]);
  }
}
// Well-known demo numbers resolve predictably.
const fixed: Array<[string, number]> = [['1380013', 0], ['1380000', 0], ['1391234', 11], ['1370000', 1], ['1860000', 4], ['1590000', 22], ['1880000', 5]];
for (const [prefix, i] of fixed) {
  const c = CITIES[i]!;
  rows.set(prefix, [c[0], c[1], c[2], c[3]]);
}
const segments = [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([prefix, c]) => [prefix, ...c]);
const out = { description: 'Chinese mobile number segments (first 7 digits) → [prefix, province, city, provinceEn, cityEn]', segments };
writeFileSync(path.join(__dirname, 'number-segments.json'), JSON.stringify(out).replace(/\],\[/g, '],\n['));
console.log(`${segments.length} segments`);
