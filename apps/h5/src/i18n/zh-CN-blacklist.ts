/** 黑名单公示 (spread into zh-CN.ts). */
export const blacklistZhCN = {
  blacklist: {
    title: "黑名单公示",
    intro: "以下机构和人员经民政部门审批列入黑名单，期限内不得从事政府购买的养老服务。个人姓名已隐去。",
    area: "地区",
    allAreas: "全部地区",
    empty: "目前没有在期的黑名单",
    period: "期限：{{from}} 至 {{to}}",
    indefinite: "另行通知",
    link: "黑名单公示",
    kind: { facility: "养老机构/设施", provider: "服务商", legal_person: "法定代表人", worker: "服务人员", staff: "从业人员", recipient: "服务对象" },
  },
};
