/**
 * 长期护理失能等级评估标准（试行）, 医保办发〔2021〕37号 (国家医保局办公室、民政部办公厅, 2021-08-03), 附件1 评估表:
 * 3 first-level indicators, 17 items — 日常生活活动能力 10 (Barthel-style scores), 认知能力 4 and 感知觉与沟通能力 3
 * (each 0–4, 4 = most able). Descriptions are condensed from public reproductions of the form; check the wording
 * against an official copy before printing it as the standard's text.
 *
 * Why `kind: "recorded"`: the result level (0 基本正常 … 5 重度失能三级) comes from a combination table of the
 * three indicators' grades. That table is unconfirmed (see DOMAIN.md), so the platform records the item scores and
 * the level the assessment agency decided, and computes nothing: `bands` and `adjustments` are empty.
 */
import type { ScaleDefinition, ScaleItem } from "../scale-types.ts";

function item(code: string, name: string, nameEn: string, descriptions: Record<string, string>): ScaleItem {
  const scores = Object.keys(descriptions).map(Number).sort((a, b) => a - b);
  return { code, name, nameEn, group: code.slice(0, code.indexOf(".")), scores, descriptions };
}

export const LTC_2021: ScaleDefinition = {
  code: "LTC-2021",
  version: "2021",
  name: "长期护理失能等级评估（医保办发〔2021〕37号）",
  nameEn: "Long-term care disability assessment (NHSA 2021 No. 37, trial)",
  kind: "recorded",
  groups: [
    { code: "L1", name: "日常生活活动能力", nameEn: "Activities of daily living", max: 100 },
    { code: "L2", name: "认知能力", nameEn: "Cognition", max: 16 },
    { code: "L3", name: "感知觉与沟通能力", nameEn: "Perception and communication", max: 12 },
  ],
  items: [
    // 日常生活活动能力
    item("L1.1", "进食", "Feeding", {
      "10": "自理：在合理时间内独立使用餐具或辅助工具进食",
      "5": "需部分帮助（如夹菜、盛饭）",
      "0": "需较大帮助或完全依赖他人，或留置营养管",
    }),
    item("L1.2", "穿衣", "Dressing", {
      "10": "自理：自己穿脱衣服、鞋袜（含假肢或矫形器），系扣、拉拉链",
      "5": "需部分帮助：能自己穿脱，但需他人帮助整理衣物、系扣或鞋带、拉拉链",
      "0": "依赖他人",
    }),
    item("L1.3", "面部与口腔清洁", "Face and mouth care", {
      "5": "独立洗脸、梳头、刷牙、剃须（不含准备工作）",
      "0": "需要帮助",
    }),
    item("L1.4", "大便控制", "Bowel control", {
      "10": "能控制大便",
      "5": "偶有失禁（每周少于1次），或需他人提示，或便秘需人工帮助排便",
      "0": "失禁（平均每周1次及以上），或完全不能控制、需依赖他人",
    }),
    item("L1.5", "小便控制", "Bladder control", {
      "10": "能控制小便，或留置导尿管但能自行管理",
      "5": "偶有失禁（每天少于1次，但每周多于1次），或需他人提示",
      "0": "失禁（平均每天1次及以上），或留置导尿管且不能自行管理",
    }),
    item("L1.6", "用厕", "Toilet use", {
      "10": "自理：能使用厕纸、穿脱裤子等",
      "5": "需部分帮助（如需他人帮忙整理衣裤、坐上或蹲上便器）",
      "0": "需极大帮助或完全依赖他人",
    }),
    item("L1.7", "平地行走", "Walking on level ground", {
      "15": "独立步行：在家及附近日常活动范围内独立步行（可自行使用辅助工具）",
      "10": "需少量帮助：需1人搀扶、他人在旁提示，或在他人帮助下使用辅助工具",
      "5": "需较大帮助：依赖2人及以上搀扶，或依赖他人帮助使用轮椅等才能移动",
      "0": "卧床不起，不能步行，移动需完全帮助",
    }),
    item("L1.8", "床椅转移", "Bed–chair transfer", {
      "15": "自理",
      "10": "需少量帮助：1人搀扶，或使用拐杖等辅助工具，或转移时需他人在旁监护、提示",
      "5": "需大量帮助：至少2人身体帮助，能坐",
      "0": "完全依赖他人，不能坐",
    }),
    item("L1.9", "上下楼梯", "Stairs", {
      "10": "独立上下楼梯（可借助电梯；使用支具时能独自穿脱）",
      "5": "需部分帮助：需扶楼梯、他人搀扶、使用拐杖或他人在旁提示",
      "0": "不能，或需极大帮助或完全依赖他人",
    }),
    item("L1.10", "洗澡", "Bathing", {
      "5": "准备好洗澡水后，可自己独立完成",
      "0": "洗澡过程中需他人帮助",
    }),
    // 认知能力
    item("L2.1", "时间定向", "Orientation to time", {
      "4": "时间观念（年、月）清楚，日期（或星期几）可相差一天",
      "3": "时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）",
      "2": "时间观念较差，年、月、日不清楚，可知上半年或下半年或季节",
      "1": "时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间",
      "0": "无时间观念",
    }),
    item("L2.2", "人物定向", "Orientation to person", {
      "4": "认识长期共同生活的人，能称呼并知道关系",
      "3": "能认识大部分共同生活居住的人，能称呼或知道关系",
      "2": "能认识约一半日常同住的亲人或照护者，能称呼或知道关系",
      "1": "只认识自己或极少数日常同住的亲人或照护者",
      "0": "不认识任何人（包括自己）",
    }),
    item("L2.3", "空间定向", "Orientation to place", {
      "4": "能在日常生活范围内单独外出，如在居住小区内独自外出购物",
      "3": "不能单独外出，但能准确知道自己日常生活所在地的地址",
      "2": "不能单独外出，但知道较多有关自己日常生活的地址",
      "1": "不能单独外出，只知道少量自己居住或生活所在地的地址",
      "0": "不能单独外出，无空间观念",
    }),
    item("L2.4", "记忆力", "Memory", {
      "4": "能完整回忆既往事物，能记住3个词语",
      "3": "能回忆大部分既往事物，能记住2个词语",
      "2": "能回忆大部分既往事物，能记住1个词语",
      "1": "对既往事物只有少部分正确的回忆，没有近期记忆",
      "0": "完全不能回忆即时信息，也不能正确回忆既往事物",
    }),
    // 感知觉与沟通能力
    item("L3.1", "视力", "Vision", {
      "4": "与日常生活相关的视力（如阅读书报、看电视）基本正常",
      "3": "能看清大字体，但看不清书报上的标准字体，辨别小物体有一定困难",
      "2": "视力有限，看不清报纸大标题，但能辨认较大的物体",
      "1": "只能看到光、颜色和大致轮廓，眼睛可随物体移动",
      "0": "完全失明",
    }),
    item("L3.2", "听力", "Hearing", {
      "4": "与日常生活相关的听力基本正常（如能听到门铃、电视、电话声）",
      "3": "轻声说话或说话距离超过2米时听不清",
      "2": "正常交流有些困难，需在安静环境中大声说话才能听到",
      "1": "讲话者大声说话或说话很慢，才能部分听见",
      "0": "完全失聪",
    }),
    item("L3.3", "沟通能力", "Communication", {
      "4": "无困难，能与他人正常沟通和交流",
      "3": "能表达自己的需要或理解他人的话，但需要增加时间或给予帮助",
      "2": "勉强可与他人交流，谈吐内容不清楚，需频繁重复或简化口头表达",
      "1": "不能完全理解他人的话，只能以简单的单词或手势表达大概意愿",
      "0": "完全不能理解他人的言语，也无法表达",
    }),
  ],
  bands: [],
  adjustments: [],
  settings: { adjustmentsCumulative: false, worstLevel: 5 },
  recordedLevels: [
    { level: 0, name: "基本正常", nameEn: "Basically normal" },
    { level: 1, name: "轻度失能", nameEn: "Mild disability" },
    { level: 2, name: "中度失能", nameEn: "Moderate disability" },
    { level: 3, name: "重度失能一级", nameEn: "Severe disability, grade I" },
    { level: 4, name: "重度失能二级", nameEn: "Severe disability, grade II" },
    { level: 5, name: "重度失能三级", nameEn: "Severe disability, grade III" },
  ],
};
