import { type CertificateKind, creditCodeCheckCharacter, type WorkerSkill, type CreateProductInput, type CreateProviderInput, type CreateWorkerInput, type CertificateInput } from "@carecircle/shared";
import { DEMO_DISTRICT_CODE, jitter, mulberry32, type RegionRow } from "./demo-data.ts";

/**
 * The demo district's marketplace (Jiulongpo: 43 providers, 416 products in the source documents): about 40
 * providers named after their street, each with a believable product list at local prices and its caregivers.
 */
type Rng = () => number;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

interface Template {
  name: string;
  category: CreateProductInput["category"];
  unit: "visit" | "hour" | "day";
  /** Market price in yuan. */
  price: number;
  durationMinutes: number;
  skills: WorkerSkill[];
  certs: CertificateKind[];
  tasks: string[];
  description: string;
  wallet?: boolean;
}

const TEMPLATES: Template[] = [
  { name: "助餐送餐上门（午餐）", category: "meal", unit: "visit", price: 18, durationMinutes: 30, skills: ["meal_delivery"], certs: ["health"], tasks: ["按时送达", "核对饮食禁忌", "餐具回收"], description: "社区食堂或中央厨房配餐，两荤一素一汤，按老人饮食禁忌备餐" },
  { name: "助餐送餐上门（晚餐）", category: "meal", unit: "visit", price: 16, durationMinutes: 30, skills: ["meal_delivery"], certs: ["health"], tasks: ["按时送达", "核对饮食禁忌"], description: "晚餐送餐上门，软食、低盐低糖可选" },
  { name: "上门助浴", category: "bathing", unit: "visit", price: 120, durationMinutes: 90, skills: ["bathing"], certs: ["caregiver", "health"], tasks: ["浴前测血压", "防滑准备", "协助洗浴", "皮肤检查", "更换衣物"], description: "两名护理员上门，浴前健康检查，配防滑垫与洗浴椅" },
  { name: "助浴车上门助浴", category: "bathing", unit: "visit", price: 168, durationMinutes: 120, skills: ["bathing"], certs: ["caregiver", "health"], tasks: ["浴前测血压", "协助上下助浴车", "协助洗浴", "更换衣物"], description: "移动助浴车到楼下，适合失能、半失能老人" },
  { name: "居家保洁", category: "cleaning", unit: "hour", price: 40, durationMinutes: 120, skills: ["cleaning"], certs: [], tasks: ["客厅卧室清洁", "厨房清洁", "卫生间清洁", "垃圾清运"], description: "日常居家清洁，按小时计费，超时按每开始一小时计" },
  { name: "深度保洁", category: "cleaning", unit: "hour", price: 55, durationMinutes: 180, skills: ["cleaning"], certs: [], tasks: ["油烟机清洗", "门窗玻璃", "卫生间除垢", "床品更换"], description: "季度深度清洁" },
  { name: "陪同散步助行", category: "mobility", unit: "hour", price: 35, durationMinutes: 60, skills: ["escort"], certs: [], tasks: ["出门前检查助行器", "陪同散步", "安全送回"], description: "陪同户外活动，轮椅推行" },
  { name: "陪同就医", category: "medical", unit: "hour", price: 50, durationMinutes: 180, skills: ["medical_escort"], certs: ["caregiver"], tasks: ["挂号取号", "陪同就诊", "取药", "向家属反馈"], description: "陪同到医院就诊、检查、取药，并向家属反馈" },
  { name: "上门代配药", category: "medical", unit: "visit", price: 20, durationMinutes: 60, skills: ["medical_escort"], certs: [], tasks: ["核对处方", "代购药品", "送药上门"], description: "凭处方到社区卫生服务中心代配慢病药" },
  { name: "上门护理（换药、测血糖）", category: "medical", unit: "visit", price: 80, durationMinutes: 45, skills: ["nursing"], certs: ["nurse"], tasks: ["测量生命体征", "伤口换药", "血糖监测", "用药指导"], description: "执业护士上门基础护理" },
  { name: "紧急上门协助", category: "emergency", unit: "visit", price: 60, durationMinutes: 60, skills: ["basic_care"], certs: ["caregiver"], tasks: ["查看老人状况", "协助联系家属或120", "安全处置"], description: "平安钟、一键通呼叫后就近上门查看" },
  { name: "生活照料", category: "daily_care", unit: "hour", price: 45, durationMinutes: 120, skills: ["basic_care"], certs: ["caregiver", "health"], tasks: ["协助起居", "协助进食", "个人清洁", "整理房间"], description: "起居、进食、清洁等日常生活照料" },
  { name: "上门理发", category: "daily_care", unit: "visit", price: 20, durationMinutes: 40, skills: ["haircut"], certs: ["health"], tasks: ["理发", "修面", "清理"], description: "上门理发修面" },
  { name: "家电维修与安全检查", category: "daily_care", unit: "visit", price: 30, durationMinutes: 60, skills: ["repair"], certs: ["electrician"], tasks: ["检查燃气电器", "小家电维修", "更换灯具"], description: "持证电工上门，燃气与用电安全检查" },
  { name: "康复训练指导", category: "rehab_nursing", unit: "visit", price: 120, durationMinutes: 60, skills: ["rehab"], certs: ["rehab_therapist"], tasks: ["功能评估", "肢体训练", "训练计划指导"], description: "康复治疗师上门指导肢体功能训练" },
  { name: "压疮护理", category: "rehab_nursing", unit: "visit", price: 100, durationMinutes: 45, skills: ["nursing"], certs: ["nurse"], tasks: ["压疮评估", "清创换药", "翻身指导"], description: "卧床老人压疮预防与护理" },
  { name: "陪伴聊天", category: "companionship", unit: "hour", price: 30, durationMinutes: 60, skills: ["companionship"], certs: [], tasks: ["聊天陪伴", "读报", "情绪观察"], description: "独居老人陪伴，关注情绪变化" },
  { name: "心理疏导", category: "companionship", unit: "visit", price: 100, durationMinutes: 60, skills: ["companionship"], certs: ["counselor"], tasks: ["情绪评估", "心理疏导", "转介建议"], description: "心理咨询师上门心理疏导" },
  { name: "上门文化活动（书法、手工）", category: "recreation", unit: "hour", price: 25, durationMinutes: 60, skills: ["companionship"], certs: [], tasks: ["活动准备", "陪同活动"], description: "书法、剪纸、手工等居家文化活动" },
  { name: "法律咨询上门", category: "legal_aid", unit: "visit", price: 0, durationMinutes: 60, skills: ["legal"], certs: ["lawyer"], tasks: ["了解诉求", "法律解答", "文书指导"], description: "赡养、继承、防诈骗等法律咨询，免费", wallet: false },
  { name: "日间照料（短期托养）", category: "respite", unit: "day", price: 120, durationMinutes: 480, skills: ["basic_care"], certs: ["caregiver", "health"], tasks: ["接送", "午餐", "午休照护", "康乐活动"], description: "在社区养老服务站日间托养，含午餐" },
];

const BRANDS = ["康乐", "颐康", "福寿", "安心", "夕阳红", "惠民", "乐龄", "爱晚", "仁和", "善德", "长青", "孝心", "悦享", "和美", "同心", "怡馨", "金色年华", "邻里", "暖阳", "安康"];
const KINDS = ["居家养老服务中心", "养老服务有限公司", "社区养老服务站", "家政服务有限公司", "护理服务有限公司", "社会工作服务中心"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
const GIVEN = ["晓燕", "丽", "红梅", "建国", "秀英", "海燕", "小琴", "德华", "春梅", "志强", "桂芳", "明", "玉兰", "军", "婷", "永红", "淑华", "卫东", "小平", "雪梅"];
const QUALIFICATIONS = ["养老机构备案", "家政服务资质", "食品经营许可证", "医疗机构执业许可证（护理站）", "民办非企业单位登记证书"];
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

function creditCode(rng: Rng): string {
  // 9 = 工商, 1 = 企业; or 5 = 民政, 2 = 民办非企业单位; then the registering authority's region and the organisation code
  const head = rng() < 0.7 ? "91" : "52";
  let body = `${head}${DEMO_DISTRICT_CODE}`;
  while (body.length < 17) body += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return body + creditCodeCheckCharacter(body);
}

const yuan = (y: number) => Math.round(y * 100);
const dateAfter = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface DemoProvider {
  provider: Omit<CreateProviderInput, "autoAccept"> & { autoAccept: boolean };
  products: (Omit<CreateProductInput, "providerId"> & { providerIndex: number })[];
  workers: CreateWorkerInput[];
}

/**
 * `count` providers over the district's streets (the first serves the whole district and is the demo provider
 * account's), 8–12 products each drawn from the templates at ±20 % of the local price, with subsidised prices for
 * minimum-living and extreme-poverty elders and for those 80+, and 6–14 caregivers whose skills and certificates
 * cover the products (a few certificates expired, as in life).
 */
export function generateDemoMarketplace(opts: { regions: RegionRow[]; count: number; today: string; seed?: number }): DemoProvider[] {
  const rng = mulberry32(opts.seed ?? 0x4301);
  const streets = opts.regions.filter((r) => r.level === 4 && r.lat !== null);
  const communities = opts.regions.filter((r) => r.level === 5 && r.lat !== null);
  const out: DemoProvider[] = [];
  const used = new Set<string>();
  for (let i = 0; i < opts.count; i++) {
    const street = streets[i % streets.length]!;
    const wide = i === 0 || rng() < 0.25;
    const short = street.name.replace(/(街道|镇)$/, "");
    let name = "";
    do name = i === 0 ? "九龙坡区康乐居家养老服务中心" : `重庆市九龙坡区${short}${pick(rng, BRANDS)}${pick(rng, KINDS)}`;
    while (used.has(name));
    used.add(name);
    const [lat, lng] = jitter(rng, street.lat!, street.lng!, 800);
    const templates = i === 0 ? TEMPLATES : [...TEMPLATES].sort(() => rng() - 0.5).slice(0, int(rng, 8, 12));
    const products = templates.map((t) => {
      const price = t.price === 0 ? 0 : yuan(Math.round(t.price * (0.8 + rng() * 0.4)));
      const subsidyPrices =
        price === 0
          ? []
          : [
              { label: "特困、低保老人", conditions: { economicStatuses: ["extreme_poverty", "minimum_living"] as ("extreme_poverty" | "minimum_living")[] }, priceFen: Math.round(price * 0.5) },
              { label: "80周岁以上老人", conditions: { minAge: 80 }, priceFen: Math.round(price * 0.8) },
            ];
      return {
        providerIndex: i,
        name: t.name,
        category: t.category,
        description: t.description,
        unit: t.unit,
        priceFen: price,
        subsidyPrices,
        durationMinutes: t.durationMinutes,
        requiredSkills: t.skills,
        requiredCertificates: t.certs,
        tasks: t.tasks,
        walletEligible: t.wallet ?? true,
      };
    });
    const skills = [...new Set(templates.flatMap((t) => t.skills))];
    const certs = [...new Set(templates.flatMap((t) => t.certs))];
    const nearby = communities.filter((c) => c.parentCode === street.code);
    const workers: CreateWorkerInput[] = [];
    const n = int(rng, 6, 14);
    for (let w = 0; w < n; w++) {
      const home = wide ? pick(rng, communities) : pick(rng, nearby.length ? nearby : communities);
      const [bLat, bLng] = jitter(rng, home.lat!, home.lng!, 600);
      // each worker covers a share of the provider's skills; everyone can do basic care where the provider offers it
      const mine = skills.filter((s) => rng() < 0.6 || s === "basic_care");
      const certificates: CertificateInput[] = certs
        .filter((k) => rng() < 0.8)
        .map((kind) => ({
          kind,
          level: kind === "caregiver" ? int(rng, 3, 5) : null,
          number: `${kind === "caregiver" ? "YL" : "ZS"}${int(rng, 10000000, 99999999)}`,
          validFrom: dateAfter(opts.today, -int(rng, 200, 1500)),
          // about one certificate in twelve has lapsed
          validTo: dateAfter(opts.today, rng() < 0.08 ? -int(rng, 1, 90) : int(rng, 30, 1100)),
        }));
      workers.push({
        name: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
        phone: `1${pick(rng, ["39", "58", "77", "86", "35", "52"])}${String(int(rng, 0, 99_999_999)).padStart(8, "0")}`,
        skills: mine.length ? (mine as CreateWorkerInput["skills"]) : (skills.slice(0, 1) as CreateWorkerInput["skills"]),
        certificates,
        workDays: rng() < 0.7 ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7],
        workStart: pick(rng, ["07:30", "08:00", "08:30"]),
        workEnd: pick(rng, ["17:30", "18:00", "19:00"]),
        baseLat: bLat,
        baseLng: bLng,
      });
    }
    out.push({
      provider: {
        name,
        creditCode: creditCode(rng),
        legalPerson: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
        phone: `023-6${String(int(rng, 0, 9_999_999)).padStart(7, "0")}`.replace("-", ""),
        address: `九龙坡区${street.name}${short}${pick(rng, ["路", "街", "大道"])}${int(rng, 1, 300)}号`,
        regionCode: street.code,
        lat,
        lng,
        serviceRegions: wide ? [DEMO_DISTRICT_CODE] : [street.code],
        qualifications: QUALIFICATIONS.filter(() => rng() < 0.5).slice(0, 3),
        description: `${short}片区居家上门服务，${products.length} 项服务`,
        autoAccept: i === 0 ? true : rng() < 0.7,
      },
      products,
      workers,
    });
  }
  return out;
}

/** The demo worker account's caregiver: every skill and certificate the demo provider's products need, all week. */
export function demoWorkerFor(lat: number, lng: number, today: string): CreateWorkerInput {
  const skills = [...new Set(TEMPLATES.flatMap((t) => t.skills))] as CreateWorkerInput["skills"];
  const certs = [...new Set(TEMPLATES.flatMap((t) => t.certs))];
  return {
    name: "王秀梅",
    phone: "13900000001",
    skills,
    certificates: certs.map((kind) => ({ kind, level: kind === "caregiver" ? 4 : null, number: `DEMO-${kind}`, validFrom: dateAfter(today, -400), validTo: dateAfter(today, 730) })),
    workDays: [1, 2, 3, 4, 5, 6, 7],
    workStart: "07:00",
    workEnd: "21:00",
    baseLat: lat,
    baseLng: lng,
  };
}
