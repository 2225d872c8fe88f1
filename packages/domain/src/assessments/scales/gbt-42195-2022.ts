/**
 * GB/T 42195-2022 《老年人能力评估规范》, 附录B 老年人能力评估表 (B.1–B.4): 26 items, 90 points at most.
 *
 * The score descriptions follow the standard's form. They are reproduced from memory of the published form and its
 * public reproductions, condensed to one sentence per score: the meaning of each level is the standard's, but the
 * exact wording may differ in places (notably B.3.9 意识水平, whose form text is long, and the frequency notes of
 * B.1.6/B.1.7). Check against an official copy before printing them as the standard's text.
 *
 * Levels (第5章 能力等级): 90 能力完好; 66–89 轻度失能; 46–65 中度失能; 30–45 重度失能; 0–29 完全失能.
 * Changes to the preliminary level: 昏迷 → 完全失能; 确诊痴呆 (F00–F03) or other mental disorders (F04–F99, diagnosed
 * by a psychiatrist) → one level lower; ≥ 2 care-risk events in the last 30 days → one level lower. Whether the
 * one-level changes add up is unclear in public copies: `adjustmentsCumulative: false` (at most one level).
 */
import type { ScaleDefinition, ScaleItem } from "../scale-types.ts";

/** The five-step assistance wording the form uses for 修饰, 洗澡, 穿/脱衣, 如厕, 床上体位转移 and 床椅转移. */
const ASSISTANCE: Record<string, string> = {
  "4": "独立完成，不需要协助",
  "3": "在他人指导或提示下完成",
  "2": "需要他人协助，但以自身完成为主",
  "1": "主要依靠他人协助，自身能给予配合",
  "0": "完全依赖他人协助，且不能给予配合",
};

const ZERO_TO_FOUR = [0, 1, 2, 3, 4];

function item(code: string, name: string, nameEn: string, scores: number[], descriptions: Record<string, string>): ScaleItem {
  return { code, name, nameEn, group: code.slice(0, code.indexOf(".")), scores, descriptions };
}

const ITEMS: ScaleItem[] = [
  // B.1 自理能力
  item("B1.1", "进食", "Eating", ZERO_TO_FOUR, {
    "4": "独立使用器具将食物送进口中并咽下，没有呛咳",
    "3": "在他人指导或提示下完成，或独立使用辅具，没有呛咳",
    "2": "进食中需要少量接触式协助，偶尔（每月一次及以上）呛咳",
    "1": "进食中需要大量接触式协助，经常（每周一次及以上）呛咳",
    "0": "完全依赖他人协助进食，或吞咽困难，或留置营养管",
  }),
  item("B1.2", "修饰", "Grooming", ZERO_TO_FOUR, ASSISTANCE),
  item("B1.3", "洗澡", "Bathing", ZERO_TO_FOUR, ASSISTANCE),
  item("B1.4", "穿/脱上衣", "Dressing and undressing the upper body", ZERO_TO_FOUR, ASSISTANCE),
  item("B1.5", "穿/脱裤子和鞋袜", "Dressing and undressing the lower body, shoes and socks", ZERO_TO_FOUR, ASSISTANCE),
  item("B1.6", "小便控制", "Urinary control", ZERO_TO_FOUR, {
    "4": "可自行控制排尿，排尿次数、排尿控制均正常",
    "3": "白天可自行控制排尿，夜间排尿次数增多、控制较差，或自行使用尿布、尿垫等辅助用物",
    "2": "白天大部分时间可自行控制排尿，偶有尿失禁（每天少于1次但每周多于1次），或需他人少量协助使用尿布、尿垫",
    "1": "白天大部分时间不能控制排尿（每天1次及以上，但尚非完全失控），或需他人大量协助使用尿布、尿垫",
    "0": "小便失禁，完全不能控制排尿，或留置导尿管",
  }),
  item("B1.7", "大便控制", "Bowel control", ZERO_TO_FOUR, {
    "4": "可正常自行控制大便排出",
    "3": "有时出现便秘或大便失禁（每周少于1次），或自行使用开塞露、尿垫等辅助用物",
    "2": "经常出现便秘或大便失禁（每天少于1次但每周多于1次），或需他人少量协助使用开塞露、尿垫",
    "1": "大部分时间出现便秘或大便失禁（每天1次及以上，但尚非完全失控），或需他人大量协助使用开塞露、尿垫",
    "0": "严重便秘或完全大便失禁，需要依赖他人协助排便或清洁皮肤",
  }),
  item("B1.8", "如厕", "Toileting", ZERO_TO_FOUR, ASSISTANCE),

  // B.2 基础运动能力
  item("B2.1", "床上体位转移", "Changing position in bed", ZERO_TO_FOUR, ASSISTANCE),
  item("B2.2", "床椅转移", "Bed–chair transfer", ZERO_TO_FOUR, ASSISTANCE),
  item("B2.3", "平地行走", "Walking on level ground (about 50 m)", ZERO_TO_FOUR, {
    "4": "独立平地步行50米左右，不需要协助，无摔倒风险",
    "3": "能平地步行50米左右，但存在摔倒风险，需要他人监护或指导，或使用拐杖、助行器等辅助工具",
    "2": "步行时需要他人少量扶持协助",
    "1": "步行时需要他人大量扶持协助",
    "0": "完全不能步行",
  }),
  item("B2.4", "上下楼梯", "Going up and down stairs (10–15 steps)", [0, 1, 2, 3], {
    "3": "可独立上下楼梯（连续上下10～15个台阶），不需要协助",
    "2": "在他人指导或提示下完成",
    "1": "需要他人协助，但以自身完成为主",
    "0": "主要依靠他人协助，或完全依赖他人协助",
  }),

  // B.3 精神状态
  item("B3.1", "时间定向", "Orientation to time", ZERO_TO_FOUR, {
    "4": "时间观念（年、月）清楚，日期（或星期几）可相差一天",
    "3": "时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）",
    "2": "时间观念较差，年、月、日不清楚，可知上半年或下半年或季节",
    "1": "时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间",
    "0": "无时间观念",
  }),
  item("B3.2", "空间定向", "Orientation to place", ZERO_TO_FOUR, {
    "4": "能在日常生活范围内单独外出，如在居住小区内独自外出购物",
    "3": "不能单独外出，但能准确知道自己日常生活所在地的地址信息",
    "2": "不能单独外出，但知道较多有关自己日常生活的地址信息",
    "1": "不能单独外出，只知道较少自己居住或生活所在地的地址信息",
    "0": "不能单独外出，无空间观念",
  }),
  item("B3.3", "人物定向", "Orientation to person", ZERO_TO_FOUR, {
    "4": "认识长期共同生活的人，能称呼并知道关系",
    "3": "能认识大部分共同生活居住的人，能称呼或知道关系",
    "2": "能认识部分日常同住的亲人或照护者，能称呼或知道关系",
    "1": "只认识自己或极少数日常同住的亲人或照护者",
    "0": "不认识任何人（包括自己）",
  }),
  item("B3.4", "记忆", "Memory", ZERO_TO_FOUR, {
    "4": "总是能保持与社会、年龄相适应的记忆能力，能完整地回忆",
    "3": "出现轻度的记忆紊乱或回忆不能（不能回忆即时信息，3个词语5分钟后仅能回忆0～1个）",
    "2": "出现中度的记忆紊乱或回忆不能（不能回忆近期记忆，如不记得上一顿饭吃了什么）",
    "1": "出现重度的记忆紊乱或回忆不能（不能回忆远期记忆，如不记得自己的老朋友）",
    "0": "记忆完全紊乱，或完全不能对既往事物进行正确的回忆",
  }),
  item("B3.5", "理解能力", "Understanding", ZERO_TO_FOUR, {
    "4": "能正常理解他人的话",
    "3": "能理解他人的话，但需要增加时间",
    "2": "理解有困难，需频繁重复或简化口头表达",
    "1": "理解有严重困难，需要大量他人帮助",
    "0": "完全不能理解他人的话",
  }),
  item("B3.6", "表达能力", "Expression", ZERO_TO_FOUR, {
    "4": "能正常表达自己的想法",
    "3": "能表达自己的需要，但需要增加时间",
    "2": "表达需要有困难，需频繁重复或简化口头表达",
    "1": "表达有严重困难，需要大量他人帮助",
    "0": "完全不能表达需要",
  }),
  item("B3.7", "攻击行为", "Aggressive behaviour", [0, 1], {
    "1": "未出现身体或语言攻击行为",
    "0": "近一个月内出现过身体攻击行为（如打、踢、推、咬、抓、摔东西）或语言攻击行为（如骂人、语言威胁、尖叫）",
  }),
  item("B3.8", "抑郁症状", "Depressive symptoms", [0, 1], {
    "1": "未出现抑郁症状",
    "0": "近一个月内出现过情绪低落、兴趣减退、活力减退等负性情绪，甚至妄想、幻觉、自杀念头或自杀行为",
  }),
  item("B3.9", "意识水平", "Level of consciousness", [0, 1, 2], {
    "2": "神志清醒，对周围环境能做出正确反应",
    "1": "嗜睡（可唤醒并能正确交谈或执行指令，停止刺激后又入睡）或意识模糊（注意涣散，定向、理解和记忆障碍）",
    "0": "昏睡（强烈刺激下仅短暂清醒）或昏迷（意识丧失，对一般刺激全无反应）",
  }),

  // B.4 感知觉与社会参与
  item("B4.1", "视力", "Vision", [0, 1, 2], {
    "2": "视力正常（在最好矫正视力下评估）",
    "1": "能看清大字体但看不清书报上的标准字体，或看不清报纸大标题但能辨认物体",
    "0": "只能看到光、颜色和形状，或完全失明",
  }),
  item("B4.2", "听力", "Hearing", [0, 1, 2], {
    "2": "听力正常（可借助平时使用的助听设备）",
    "1": "轻声说话或说话距离超过2米时听不清，或需在安静环境中大声说话才能听到",
    "0": "讲话者大声说话或说话很慢才能部分听见，或完全失聪",
  }),
  item("B4.3", "执行日常事务", "Managing daily affairs", ZERO_TO_FOUR, {
    "4": "能完全独立计划、安排和完成日常事务（如洗衣、小额购物、服药管理），无需协助",
    "3": "计划、安排和完成日常事务时需要他人监护或指导",
    "2": "计划、安排和完成日常事务时需要少量协助",
    "1": "计划、安排和完成日常事务时需要大量协助",
    "0": "完全依赖他人进行日常事务",
  }),
  item("B4.4", "使用交通工具外出", "Going out by transport", [0, 1, 2, 3], {
    "3": "能自己骑车或搭乘公共交通工具外出",
    "2": "能自己搭乘出租车，但不会搭乘其他公共交通工具外出",
    "1": "有人协助或陪伴时，可搭乘公共交通工具外出",
    "0": "只能在他人协助下搭乘出租车或私家车外出，或完全不能出门",
  }),
  item("B4.5", "社会交往能力", "Social interaction", ZERO_TO_FOUR, {
    "4": "参与社会，对社会环境有一定的适应能力，待人接物恰当",
    "3": "能适应单纯环境，主动接触他人，初见面时难让人发现智力问题，不能理解隐喻语",
    "2": "脱离社会，可被动接触，不会主动待人，谈话中很多不适词句，容易上当受骗",
    "1": "勉强可与他人接触，谈吐内容不清楚，表情不恰当",
    "0": "不能与人交往",
  }),
];

export const GBT_42195_2022: ScaleDefinition = {
  code: "GB/T 42195-2022",
  version: "2022",
  name: "老年人能力评估规范（GB/T 42195-2022）",
  nameEn: "Specification for ability assessment of older people (GB/T 42195-2022)",
  kind: "computed",
  groups: [
    { code: "B1", name: "自理能力", nameEn: "Self-care", max: 32 },
    { code: "B2", name: "基础运动能力", nameEn: "Basic mobility", max: 15 },
    { code: "B3", name: "精神状态", nameEn: "Mental state", max: 28 },
    { code: "B4", name: "感知觉与社会参与", nameEn: "Perception and social participation", max: 15 },
  ],
  items: ITEMS,
  bands: [
    { level: 0, name: "能力完好", nameEn: "Intact", min: 90, max: 90 },
    { level: 1, name: "轻度失能", nameEn: "Mild disability", min: 66, max: 89 },
    { level: 2, name: "中度失能", nameEn: "Moderate disability", min: 46, max: 65 },
    { level: 3, name: "重度失能", nameEn: "Severe disability", min: 30, max: 45 },
    { level: 4, name: "完全失能", nameEn: "Complete disability", min: 0, max: 29 },
  ],
  adjustments: [
    { code: "coma", name: "昏迷", kind: "setLevel", when: { fact: "coma" }, level: 4 },
    { code: "dementia", name: "确诊痴呆", kind: "lowerBy", when: { fact: "dementia" }, steps: 1 },
    { code: "mentalDisorder", name: "确诊其他精神和行为障碍", kind: "lowerBy", when: { fact: "mentalDisorder" }, steps: 1 },
    { code: "riskEvents", name: "近30天内发生2次及以上照护风险事件", kind: "lowerBy", when: { fact: "riskEvents", atLeast: 2 }, steps: 1 },
  ],
  settings: { adjustmentsCumulative: false, worstLevel: 4 },
};
