/**
 * Barthel index of activities of daily living (Mahoney & Barthel, 1965): 10 items, 0–100 in steps of 5.
 * The Chinese descriptions follow the wording commonly used in Chinese practice (as in MZ/T 039-2013 《老年人能力评估》,
 * 日常生活活动 table), condensed to one sentence per score.
 *
 * Grades (MZ/T 039-2013): 0 能力完好 = 100; 1 轻度受损 = 65–95; 2 中度受损 = 45–60; 3 重度受损 = ≤ 40.
 * Every Barthel total is a multiple of 5, so 61–64, 41–44 and 96–99 can never occur. The bands are nevertheless
 * made contiguous over 0–100 (so every integer has exactly one band) by keeping each grade's lower bound as the
 * standard states it ("at least 65", "at least 45") and stretching its upper bound to just below the next grade:
 *   100 → 0; 65–99 → 1; 45–64 → 2; 0–44 → 3.
 * For every multiple of 5 this is exactly the standard's grading.
 */
import type { ScaleDefinition, ScaleItem } from "../scale-types.ts";

function item(n: number, name: string, nameEn: string, descriptions: Record<string, string>): ScaleItem {
  const scores = Object.keys(descriptions).map(Number).sort((a, b) => a - b);
  return { code: `ADL.${n}`, name, nameEn, group: "ADL", scores, descriptions };
}

export const BARTHEL: ScaleDefinition = {
  code: "Barthel",
  version: "1965",
  name: "Barthel 指数（日常生活活动能力）",
  nameEn: "Barthel Index of Activities of Daily Living",
  kind: "computed",
  groups: [{ code: "ADL", name: "日常生活活动", nameEn: "Activities of daily living", max: 100 }],
  items: [
    item(1, "进食", "Feeding", {
      "10": "可独立进食（在合理时间内独立使用必要的餐具进食）",
      "5": "需部分帮助（如夹菜、盛饭、切碎食物）",
      "0": "需极大帮助或完全依赖他人，或留置胃管",
    }),
    item(2, "洗澡", "Bathing", {
      "5": "准备好洗澡水后，可自己独立完成洗澡过程",
      "0": "洗澡过程中需他人帮助",
    }),
    item(3, "修饰", "Grooming", {
      "5": "可独立完成洗脸、梳头、刷牙、剃须",
      "0": "需他人帮助",
    }),
    item(4, "穿衣", "Dressing", {
      "10": "可独立穿脱衣服、系扣子、拉拉链、穿脱鞋袜、系鞋带",
      "5": "需部分帮助（能自己穿脱，但需他人帮助整理衣物、系扣子或鞋带、拉拉链）",
      "0": "需极大帮助或完全依赖他人",
    }),
    item(5, "大便控制", "Bowel control", {
      "10": "可控制大便",
      "5": "偶尔失控（每周少于1次），或需要他人提示",
      "0": "完全失控",
    }),
    item(6, "小便控制", "Bladder control", {
      "10": "可控制小便",
      "5": "偶尔失控（每天少于1次，但每周多于1次），或需要他人提示",
      "0": "完全失控，或留置导尿管",
    }),
    item(7, "如厕", "Toilet use", {
      "10": "可独立完成如厕（包括擦净、整理衣裤、冲水）",
      "5": "需部分帮助（如需他人搀扶去厕所、帮忙冲水或整理衣裤）",
      "0": "需极大帮助或完全依赖他人",
    }),
    item(8, "床椅转移", "Bed–chair transfer", {
      "15": "可独立完成床椅转移",
      "10": "需部分帮助（需他人搀扶或使用拐杖）",
      "5": "需极大帮助（较大程度上依赖他人搀扶和帮助）",
      "0": "完全依赖他人",
    }),
    item(9, "平地行走", "Walking on level ground (45 m)", {
      "15": "可独立在平地上行走45米",
      "10": "需部分帮助（在一定程度上需他人搀扶或使用拐杖、助行器等辅助用具）",
      "5": "需极大帮助（较大程度上依赖他人搀扶，或坐在轮椅上自行移动）",
      "0": "完全依赖他人",
    }),
    item(10, "上下楼梯", "Stairs", {
      "10": "可独立上下楼梯（连续上下10～15个台阶）",
      "5": "需部分帮助（需扶楼梯、他人搀扶或使用拐杖等）",
      "0": "需极大帮助或完全依赖他人",
    }),
  ],
  bands: [
    { level: 0, name: "能力完好", nameEn: "Intact", min: 100, max: 100 },
    { level: 1, name: "轻度受损", nameEn: "Mildly impaired", min: 65, max: 99 },
    { level: 2, name: "中度受损", nameEn: "Moderately impaired", min: 45, max: 64 },
    { level: 3, name: "重度受损", nameEn: "Severely impaired", min: 0, max: 44 },
  ],
  adjustments: [],
  settings: { adjustmentsCumulative: false, worstLevel: 3 },
};
