/** Chinese, the first language. Every string the H5 app shows comes from here (or from en.ts). */
export const zhCN = {
  app: {
    name: "CareCircle 居家养老",
    shortName: "居家养老",
    loading: "正在加载，请稍候…",
    errorPrefix: "出错了：",
    retry: "重新加载",
    back: "返回",
  },
  login: {
    title: "登录",
    intro: "请输入账号和密码",
    username: "账号",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    required: "请填写账号和密码",
  },
  home: {
    title: "首页",
    greeting: "{{name}}，您好",
    choose: "请选择要查看的老人",
    chooseOne: "点下面的卡片，查看服务补贴",
    none: "您的账号还没有绑定老人。请联系社区工作人员办理绑定。",
    settings: "设置",
  },
  elder: {
    relation: "关系：{{relation}}",
    sexAge: "{{sex}}，{{age}} 岁",
    sex: { M: "男", F: "女" },
    region: "社区：{{region}}",
    open: "查看服务补贴",
  },
  elderMode: {
    label: "长辈模式",
    hint: "字更大，按钮更大",
    on: "开",
    off: "关",
  },
  wallet: {
    title: "服务补贴",
    titleOf: "{{name}}的服务补贴",
    balance: "服务补贴余额",
    yuan: "{{amount}} 元",
    minutes: "免费服务",
    hours: "{{hours}} 小时",
    history: "收支记录",
    historyEmpty: "还没有收支记录。",
    newestFirst: "最近的在最上面",
    more: "再看 {{count}} 条更早的记录",
    readAloud: "朗读",
    stopReading: "停止朗读",
    readingNow: "正在朗读",
    spokenBalance: "服务补贴余额 {{amount}} 元，免费服务 {{hours}} 小时。",
    spokenRecent: "最近的记录：",
    kind: { credit: "入账", backpay: "补发", debit: "消费", expiry: "到期清零" },
    notFound: "没有找到这位老人的服务补贴账户。",
  },
  settings: {
    title: "设置",
    language: "语言 / Language",
    account: "当前账号：{{name}}",
    logout: "退出登录",
    loggingOut: "正在退出…",
  },
};

/** The shape both languages share: every key in Chinese must exist in English, with string values. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Resources = Shape<typeof zhCN>;
