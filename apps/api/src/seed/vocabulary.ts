// Word lists for the fake business: names, regions (with real ID-number region codes), products.

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '龙', '史',
  '欧阳', '司马', '上官', '诸葛',
] as const;

export const MALE_GIVEN = [
  '伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇',
  '浩', '凯', '健', '俊', '帆', '旭', '宁', '龙', '阳', '建国', '志强', '文博', '子轩', '浩然', '宇航', '俊杰', '天佑', '一鸣', '思远', '晨阳',
] as const;

export const FEMALE_GIVEN = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '玲', '燕', '婷', '雪', '琳', '晶', '颖', '慧', '莹', '倩', '琪', '欣',
  '悦', '璐', '佳怡', '梦瑶', '雨萱', '诗涵', '欣怡', '子涵', '思琪', '晓燕', '雅婷', '可馨', '若曦', '紫萱', '嘉欣', '梓涵',
] as const;

export interface District {
  name: string;
  code: string;
}
export interface Region {
  province: string;
  city: string;
  districts: readonly District[];
  weight: number;
}

export const REGIONS: readonly Region[] = [
  { province: '北京市', city: '北京市', weight: 10, districts: [{ name: '东城区', code: '110101' }, { name: '西城区', code: '110102' }, { name: '朝阳区', code: '110105' }, { name: '海淀区', code: '110108' }] },
  { province: '上海市', city: '上海市', weight: 12, districts: [{ name: '黄浦区', code: '310101' }, { name: '徐汇区', code: '310104' }, { name: '闵行区', code: '310112' }, { name: '浦东新区', code: '310115' }] },
  { province: '广东省', city: '广州市', weight: 8, districts: [{ name: '越秀区', code: '440104' }, { name: '天河区', code: '440106' }, { name: '番禺区', code: '440113' }] },
  { province: '广东省', city: '深圳市', weight: 9, districts: [{ name: '福田区', code: '440304' }, { name: '南山区', code: '440305' }, { name: '宝安区', code: '440306' }] },
  { province: '浙江省', city: '杭州市', weight: 7, districts: [{ name: '西湖区', code: '330106' }, { name: '滨江区', code: '330108' }, { name: '余杭区', code: '330110' }] },
  { province: '江苏省', city: '南京市', weight: 5, districts: [{ name: '玄武区', code: '320102' }, { name: '鼓楼区', code: '320106' }] },
  { province: '江苏省', city: '苏州市', weight: 5, districts: [{ name: '吴中区', code: '320506' }, { name: '姑苏区', code: '320508' }] },
  { province: '四川省', city: '成都市', weight: 6, districts: [{ name: '锦江区', code: '510104' }, { name: '武侯区', code: '510107' }, { name: '成华区', code: '510108' }] },
  { province: '湖北省', city: '武汉市', weight: 5, districts: [{ name: '江汉区', code: '420103' }, { name: '武昌区', code: '420106' }, { name: '洪山区', code: '420111' }] },
  { province: '陕西省', city: '西安市', weight: 4, districts: [{ name: '碑林区', code: '610103' }, { name: '雁塔区', code: '610113' }] },
  { province: '重庆市', city: '重庆市', weight: 5, districts: [{ name: '渝中区', code: '500103' }, { name: '江北区', code: '500105' }] },
  { province: '山东省', city: '青岛市', weight: 3, districts: [{ name: '市南区', code: '370202' }] },
  { province: '福建省', city: '厦门市', weight: 3, districts: [{ name: '思明区', code: '350203' }] },
  { province: '河南省', city: '郑州市', weight: 3, districts: [{ name: '金水区', code: '410105' }] },
  { province: '湖南省', city: '长沙市', weight: 3, districts: [{ name: '岳麓区', code: '430104' }] },
];

export const STREETS = [
  '人民路', '中山路', '解放路', '建设路', '长江路', '和平路', '学府路', '科技路', '滨江大道', '世纪大道', '南京路', '文化路', '新华路', '青年路', '光明街',
] as const;
export const COMPOUNDS = ['阳光花园', '锦绣家园', '翠湖苑', '金色华庭', '万科城', '碧桂园', '保利花园', '绿地公馆', '御景湾', '书香门第'] as const;

export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159',
  '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
] as const;

export type ProductCategory = 'sneakers' | 'apparel' | 'accessories';
export interface Product {
  sku: string;
  brand: string;
  name: string;
  category: ProductCategory;
  /** Typical resale price range in yuan. */
  minYuan: number;
  maxYuan: number;
  colors: readonly string[];
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'DZ5485-612', brand: 'Nike', name: 'Air Jordan 1 Retro High OG "Chicago"', category: 'sneakers', minYuan: 1299, maxYuan: 2899, colors: ['白红'] },
  { sku: 'CW2288-111', brand: 'Nike', name: "Air Force 1 '07 Low", category: 'sneakers', minYuan: 699, maxYuan: 899, colors: ['白色'] },
  { sku: 'DD1391-100', brand: 'Nike', name: 'Dunk Low Retro "Panda"', category: 'sneakers', minYuan: 699, maxYuan: 1099, colors: ['黑白'] },
  { sku: 'DQ4499-100', brand: 'Nike', name: 'Air Max 90', category: 'sneakers', minYuan: 799, maxYuan: 1099, colors: ['白灰', '黑色'] },
  { sku: 'DM0029-105', brand: 'Nike', name: 'Air Max 97 "Silver Bullet"', category: 'sneakers', minYuan: 1199, maxYuan: 1599, colors: ['银红'] },
  { sku: 'DM7866-140', brand: 'Nike', name: 'Travis Scott x Air Jordan 1 Low OG', category: 'sneakers', minYuan: 5999, maxYuan: 9999, colors: ['反转摩卡'] },
  { sku: 'CP1920-010', brand: 'Adidas', name: 'Yeezy Boost 350 V2 "Zebra"', category: 'sneakers', minYuan: 1699, maxYuan: 2499, colors: ['斑马'] },
  { sku: 'B75806', brand: 'Adidas', name: 'Samba OG', category: 'sneakers', minYuan: 699, maxYuan: 1099, colors: ['白绿', '黑白'] },
  { sku: 'GX5459', brand: 'Adidas', name: 'Ultraboost 22', category: 'sneakers', minYuan: 899, maxYuan: 1399, colors: ['黑色', '白色'] },
  { sku: 'FY7757', brand: 'Adidas', name: 'Forum 84 Low', category: 'sneakers', minYuan: 599, maxYuan: 899, colors: ['白蓝'] },
  { sku: 'BB550WT1', brand: 'New Balance', name: '550', category: 'sneakers', minYuan: 699, maxYuan: 999, colors: ['白绿', '白灰'] },
  { sku: 'M990GL6', brand: 'New Balance', name: '990v6 Made in USA', category: 'sneakers', minYuan: 1599, maxYuan: 2199, colors: ['元祖灰'] },
  { sku: 'M2002RDA', brand: 'New Balance', name: '2002R "Protection Pack"', category: 'sneakers', minYuan: 1099, maxYuan: 1699, colors: ['雨云灰'] },
  { sku: 'U9060MUS', brand: 'New Balance', name: '9060 "Sea Salt"', category: 'sneakers', minYuan: 999, maxYuan: 1399, colors: ['海盐白'] },
  { sku: 'MR530SG', brand: 'New Balance', name: '530', category: 'sneakers', minYuan: 499, maxYuan: 799, colors: ['白银'] },
  { sku: '1201A019-107', brand: 'ASICS', name: 'Gel-Kayano 14', category: 'sneakers', minYuan: 899, maxYuan: 1299, colors: ['奶油白'] },
  { sku: 'ABAU021-1', brand: '李宁', name: '韦德之道 10', category: 'sneakers', minYuan: 1099, maxYuan: 1599, colors: ['黑金', '白色'] },
  { sku: 'NF0A3C8D', brand: 'The North Face', name: '1996 Retro Nuptse 羽绒服', category: 'apparel', minYuan: 1999, maxYuan: 2999, colors: ['黑色', '黄色'] },
  { sku: 'FW23SW01', brand: 'Supreme', name: 'Box Logo Hooded Sweatshirt 连帽卫衣', category: 'apparel', minYuan: 2499, maxYuan: 4999, colors: ['灰色', '红色'] },
  { sku: '192HO2450', brand: 'Fear of God Essentials', name: 'Logo 连帽卫衣', category: 'apparel', minYuan: 699, maxYuan: 1099, colors: ['燕麦色', '黑色'] },
  { sku: '1904870', brand: 'Stussy', name: '8 Ball 短袖T恤', category: 'apparel', minYuan: 399, maxYuan: 699, colors: ['白色', '黑色'] },
  { sku: 'GF68-Y06145', brand: 'Champion', name: 'Reverse Weave 连帽卫衣', category: 'apparel', minYuan: 399, maxYuan: 599, colors: ['藏青', '灰色'] },
  { sku: 'DX1361-063', brand: 'Nike', name: 'Tech Fleece 连帽卫衣', category: 'apparel', minYuan: 699, maxYuan: 999, colors: ['深灰', '黑色'] },
  { sku: '70331911', brand: 'New Era', name: '59FIFTY 纽约洋基棒球帽', category: 'accessories', minYuan: 199, maxYuan: 399, colors: ['黑色', '藏青'] },
];

export const SHOE_SIZES = ['36', '36.5', '37.5', '38', '38.5', '39', '40', '40.5', '41', '42', '42.5', '43', '44', '44.5', '45', '46'] as const;
export const APPAREL_SIZES = ['S', 'M', 'L', 'XL', 'XXL'] as const;

export const LOGISTICS = [
  { company: '顺丰速运', prefix: 'SF', digits: 13 },
  { company: '京东物流', prefix: 'JDVA', digits: 11 },
  { company: '中通快递', prefix: '7', digits: 13 },
  { company: 'EMS', prefix: 'E', digits: 12 },
] as const;

export const PAYMENT_METHODS = ['支付宝', '微信支付', '银行卡', '分期付'] as const;
export const BANKS = ['招商银行', '工商银行', '建设银行', '农业银行', '中国银行', '交通银行'] as const;

export const TICKET_TEMPLATES = [
  { category: 'logistics', title: '物流长时间未更新', description: '客户反映订单物流信息三天未更新，请核实包裹位置。' },
  { category: 'logistics', title: '快递显示签收但未收到', description: '客户称未收到包裹，物流显示已签收，需联系快递核实签收人。' },
  { category: 'authentication', title: '对鉴别结果有异议', description: '客户对商品鉴别结果有异议，申请复检。' },
  { category: 'refund', title: '退款进度查询', description: '客户申请退款后未收到款项，请财务核实退款状态。' },
  { category: 'refund', title: '商品有瑕疵申请退货', description: '客户收到商品后发现鞋面有划痕，申请退货退款。' },
  { category: 'order', title: '修改收货地址', description: '客户下单后需要修改收货地址。' },
  { category: 'consignment', title: '寄售商品迟迟未上架', description: '客户寄售商品已签收超过5天仍未上架。' },
  { category: 'consignment', title: '寄售货款未到账', description: '寄售商品已售出，客户称货款未到账。' },
  { category: 'loan', title: '分期还款咨询', description: '客户咨询分期账单及提前还款方式。' },
  { category: 'account', title: '更换绑定手机号', description: '客户原手机号停用，申请更换绑定手机号。' },
  { category: 'complaint', title: '投诉发货慢', description: '客户投诉订单支付后迟迟未发货，情绪激动，需要优先处理。' },
] as const;

export const TICKET_COMMENTS = [
  '已联系快递公司核实，等待回复。',
  '已电话回访客户，客户表示理解。',
  '已提交鉴别中心复检。',
  '财务已确认款项，预计1-3个工作日到账。',
  '客户未接电话，稍后再次联系。',
  '已按客户要求处理完毕。',
] as const;

export const IM_TOPICS = [
  { topic: '咨询鉴别流程', summary: '客户咨询商品鉴别流程及时效，已解答。' },
  { topic: '查询订单物流', summary: '客户查询订单物流进度，已告知最新物流信息。' },
  { topic: '退货退款', summary: '客户咨询退货退款规则，已发送退货指引。' },
  { topic: '寄售流程咨询', summary: '客户咨询寄售流程与手续费，已解答。' },
  { topic: '优惠券使用', summary: '客户反映优惠券无法使用，已核实为商品不在活动范围内。' },
  { topic: '尺码推荐', summary: '客户咨询尺码，已根据脚长推荐尺码。' },
] as const;

export const SKILL_GROUPS = ['presale', 'aftersale', 'finance'] as const;
export const DEMO_AGENT_IDS = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'] as const;
/** Agents of the past (other shifts) so history does not all belong to today's demo agents. */
export const HISTORY_AGENT_IDS = ['1101', '1102', '1103', '1104', '1105', '1106', '1107', '1108', '1109', '1110'] as const;
