/**
 * Assessment scales are data: a versioned definition that the scoring engine reads, the form renders and the
 * API returns. A new scale (a province's variant, the older MZ/T 039-2013) is a new definition, not new code.
 */

/** One scored item: the allowed scores and what each score means (shown on the form, in Chinese). */
export interface ScaleItem {
  /** Stable code used in the API: `{ items: { [code]: score } }`, e.g. "B1.1". */
  code: string;
  name: string; // Chinese, e.g. "进食"
  nameEn: string;
  group: string; // group code
  /** Allowed scores, ascending (0–4, or Barthel's 0/5/10). */
  scores: number[];
  /** Description per allowed score, in Chinese: { "4": "独立使用器具将食物送进口中并咽下…" } */
  descriptions: Record<string, string>;
}

export interface ScaleGroup {
  code: string; // "B1"
  name: string; // "自理能力"
  nameEn: string;
  /** Maximum of the group's subtotal (sum of the items' maximums). */
  max: number;
}

/** A level band on the total: the first band whose [min, max] holds the total gives the level. */
export interface ScaleBand {
  level: number; // 0 = most able
  name: string; // "能力完好"
  nameEn: string;
  min: number;
  max: number;
}

/** An adjustment to the preliminary level, decided by the facts recorded beside the scores. */
export type ScaleAdjustment =
  | { code: string; name: string; kind: "setLevel"; when: AdjustmentCondition; level: number }
  | { code: string; name: string; kind: "lowerBy"; when: AdjustmentCondition; steps: number };

export type AdjustmentCondition =
  | { fact: "coma" } // 昏迷
  | { fact: "dementia" } // 确诊痴呆 (ICD-10 F00–F03)
  | { fact: "mentalDisorder" } // 精神科专科医生诊断的其他精神和行为障碍 (F04–F99)
  | { fact: "riskEvents"; atLeast: number }; // 近30天内照护风险事件数

/** The facts an assessor records beside the item scores. */
export interface AssessmentFacts {
  coma?: boolean;
  dementia?: boolean;
  mentalDisorder?: boolean;
  /** Care-risk events in the last 30 days: 跌倒 fall, 噎食 choking, 自杀自伤 suicide/self-harm, 走失 wandering, 其他 other. */
  riskEvents?: ("fall" | "choking" | "selfHarm" | "wandering" | "other")[];
}

export interface ScaleDefinition {
  code: string; // "GB/T 42195-2022", "Barthel"
  version: string; // "2022"
  name: string;
  nameEn: string;
  /** computed: the platform scores it; recorded: levels are entered as assessed (LTC 医保办发〔2021〕37号). */
  kind: "computed" | "recorded";
  groups: ScaleGroup[];
  items: ScaleItem[];
  bands: ScaleBand[];
  adjustments: ScaleAdjustment[];
  settings: {
    /** Do several one-level-lower adjustments add up? GB/T 42195: unclear in public copies → default false. */
    adjustmentsCumulative: boolean;
    /** The least able level (the floor of every adjustment). */
    worstLevel: number;
  };
  /** For recorded scales: the levels an assessor may enter. */
  recordedLevels?: { level: number; name: string; nameEn: string }[];
}

/** What the engine computes, with the reasons shown to the assessor. */
export interface ScoreResult {
  subtotals: Record<string, number>; // group code → subtotal
  total: number;
  preliminaryLevel: number;
  finalLevel: number;
  /** Which adjustments applied, in plain Chinese, e.g. "确诊痴呆：降低一级". */
  reasons: { code: string; text: string }[];
}

/** A problem with the scores, naming the item. */
export interface ScoreProblem {
  path: string; // "items.B1.1"
  message: string;
}
