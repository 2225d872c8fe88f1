
import type { CreateSubsidyRuleInput } from "@carecircle/shared";

/**
 * The source documents' defaults as the demo district's rules (DOMAIN.md, "Subsidy defaults"): all configurable,
 * all data. The operating subsidy to providers needs served orders (C5) and ships as a draft.
 */
export function demoSubsidyRules(district: string, effectiveFrom: string): (CreateSubsidyRuleInput & { status: string })[] {
  return [
    {
      regionCode: district,
      code: "age-allowance-80",
      name: "80周岁以上高龄津贴",
      description: "年满80周岁的本地户籍老人按月发放高龄津贴（四川：普惠制）",
      conditions: { minAge: 80, hukouTypes: ["local"] },
      benefit: { kind: "cash", amountFen: 10000 },
      frequency: "monthly",
      budgetLine: "高龄津贴",
      effectiveFrom,
      status: "active",
    },
    {
      regionCode: district,
      code: "home-care-special",
      name: "特殊困难老年人居家养老服务补贴",
      description: "特殊困难老年人每人每年不低于300元的居家养老服务补贴，按月计入服务补贴账户，年底清零",
      conditions: { specialDifficulty: true },
      benefit: { kind: "wallet", amountFen: 2500, expires: "yearEnd" },
      frequency: "monthly",
      budgetLine: "居家养老服务补贴",
      effectiveFrom,
      status: "active",
    },
    {
      regionCode: district,
      code: "free-hours-80",
      name: "80周岁以上每月2小时免费上门服务",
      description: "年满80周岁的老人每月享受不少于2小时免费居家上门服务（东湖区做法），当月有效",
      conditions: { minAge: 80 },
      benefit: { kind: "hours", minutes: 120, expires: "monthEnd" },
      frequency: "monthly",
      budgetLine: "居家养老服务补贴",
      effectiveFrom,
      status: "active",
    },
    {
      regionCode: district,
      code: "family-care-bed",
      name: "家庭养老床位建设补贴",
      description: "经评估建设家庭养老床位的失能老人家庭，一次性补助3000元（九龙坡区做法）",
      conditions: { abilityLevels: [2, 3, 4], tagsAny: ["家庭养老床位"] },
      benefit: { kind: "cash", amountFen: 300000 },
      frequency: "once",
      budgetLine: "家庭养老床位",
      effectiveFrom,
      status: "active",
    },
    {
      regionCode: district,
      code: "provider-operating-disabled",
      name: "服务机构运营补贴（失能老人）",
      description: "按服务机构每月服务的失能老人人数给予运营补贴，每人每月400元；随服务订单（C5）启用",
      conditions: { abilityLevels: [3, 4] },
      benefit: { kind: "cash", amountFen: 40000 },
      frequency: "monthly",
      budgetLine: "机构运营补贴",
      effectiveFrom,
      status: "draft",
    },
  ];
}

