import type { ScaleDefinition } from "../scale-types.ts";
import { BARTHEL } from "./barthel.ts";
import { GBT_42195_2022 } from "./gbt-42195-2022.ts";
import { LTC_2021 } from "./ltc-2021.ts";

export { BARTHEL, GBT_42195_2022, LTC_2021 };

/** Every built-in scale, the current national standard first. */
export const SCALES: ScaleDefinition[] = [GBT_42195_2022, BARTHEL, LTC_2021];

/** The built-in scale with this code ("GB/T 42195-2022", "Barthel", "LTC-2021"), or undefined. */
export function scaleByCode(code: string): ScaleDefinition | undefined {
  return SCALES.find((s) => s.code === code);
}
