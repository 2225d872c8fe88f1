import { actOnAlarm, type AlarmEvent, alarmStats, getAlarm, listFollowUps, alarmBus, nearbyResponders, revealVolunteerPhone, authenticateDevice, bindDevice, ingestDeviceMessage, listAlarms, listDevices, myAlarms, registerDevice, rotateDeviceSecret, requirePermission, UnauthenticatedError } from "@carecircle/domain";
import { streamSSE } from "hono/streaming";
import { AlarmActionInput, BindDeviceInput, HttpDeviceMessage, RegisterDeviceInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson) });
const Paged = z.object({ items: z.array(AnyJson), nextCursor: z.string().nullable() });

/** HTTP Basic credentials (the device's serial and secret). */
function basic(header: string | undefined): { user: string; pass: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!m) return null;
  const text = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = text.indexOf(":");
  return i > 0 ? { user: text.slice(0, i), pass: text.slice(i + 1) } : null;
}

export function deviceRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/devices",
      tags: ["devices"],
      summary: "登记终端（一键通、平安钟、手环、烟感……），可同时绑定老人；设备的登录凭据只在此返回一次",
      request: { body: jsonBody(RegisterDeviceInput) },
      responses: { 201: { description: "已登记", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => c.json(await registerDevice({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/devices", tags: ["devices"], summary: "本辖区的终端：绑定的老人、最后在线、电量", request: { query: z.object({ elderId: z.string().max(40).optional() }) }, responses: ok("终端", Items) }),
    async (c) => c.json(await listDevices({ ctx: c.var.ctx, elderId: c.req.valid("query").elderId }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/devices/{id}/binding", tags: ["devices"], summary: "绑定或解绑老人（elderId 为 null 解绑），保留绑定历史", request: { params: IdParam, body: jsonBody(BindDeviceInput) }, responses: ok("终端") }),
    async (c) => c.json(await bindDevice({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/devices/{id}/credentials", tags: ["devices"], summary: "重新签发设备密钥（旧密钥随即失效；只在此返回一次；留痕）", request: { params: IdParam }, responses: ok("新凭据") }),
    async (c) => c.json(await rotateDeviceSecret({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/device-messages",
      tags: ["devices"],
      summary: "不能接 MQTT 的设备用 HTTP 上报（HTTP Basic：序列号:密钥），消息体同 MQTT（加 kind）；存储后才应答，重发同一 eventId 不重复",
      request: { body: jsonBody(HttpDeviceMessage) },
      responses: { 202: { description: "已存储（或重复）", content: { "application/json": { schema: AnyJson } } }, ...errorResponses },
    }),
    async (c) => {
      const cred = basic(c.req.header("authorization"));
      if (!cred) throw new UnauthenticatedError("设备须以序列号和密钥认证（HTTP Basic）");
      const device = await authenticateDevice(c.var.ctx, cred.user, cred.pass);
      const { kind, ...payload } = c.req.valid("json");
      return c.json(await ingestDeviceMessage(c.var.ctx, device, kind, payload), 202);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/alarms",
      tags: ["alarms"],
      summary: "本辖区告警：计时（确认用时、关闭用时），超过 60 秒未确认的标为升级",
      request: { query: z.object({ status: z.enum(["open", "acknowledged", "closed"]).optional(), cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }) },
      responses: ok("告警（nextCursor 取下一页）", Paged),
    }),
    async (c) => c.json(await listAlarms({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/alarms/{id}/actions",
      tags: ["alarms"],
      summary: "处置告警：acknowledge（接警）、call_elder、call_family、dispatch（附近服务人员 workerId+productId 下单，或志愿者 volunteerId 不下单）、call_emergency、note、close（带处置结果）",
      request: { params: IdParam, body: jsonBody(AlarmActionInput) },
      responses: ok("告警"),
    }),
    async (c) => c.json(await actOnAlarm({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/elders/{id}/alarms",
      tags: ["alarms"],
      summary: "老人本人或绑定家属看到的告警：发生了什么、做了什么、结果如何（nextCursor 取更早的）",
      request: { params: IdParam, query: z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(50).optional() }) },
      responses: ok("告警", Paged),
    }),
    async (c) => c.json(await myAlarms({ ctx: c.var.ctx, elderId: c.req.valid("param").id, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/alarms/{id}/responders",
      tags: ["alarms"],
      summary: "老人家附近可派的人：在岗且空闲的服务人员优先，其余服务人员与已审核的志愿者（kind=volunteer）由近及远；服务人员附可下单的服务（助急、助医、生活照料）",
      request: { params: IdParam },
      responses: ok("附近服务人员"),
    }),
    async (c) => c.json(await nearbyResponders({ ctx: c.var.ctx, alarmId: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/alarms/{id}/volunteers/{volunteerId}/reveal",
      tags: ["alarms"],
      summary: "查看附近志愿者的完整电话（拨打请其前往；需权限，记入审计）",
      request: { params: z.object({ id: z.string(), volunteerId: z.string() }) },
      responses: ok("完整电话"),
    }),
    async (c) => {
      const p = c.req.valid("param");
      return c.json(await revealVolunteerPhone({ ctx: c.var.ctx, alarmId: p.id, volunteerId: p.volunteerId }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/alarms/stats",
      tags: ["alarms"],
      summary: "接警时效：某时段告警数，60 秒和 180 秒内确认的比例（TSA 目标 97.5%、99%），确认、关闭用时中位数，按类型、处置结果",
      request: { query: z.object({ from: z.iso.datetime({ offset: true, error: "开始时间格式应为 ISO 8601" }), to: z.iso.datetime({ offset: true, error: "结束时间格式应为 ISO 8601" }) }) },
      responses: ok("统计"),
    }),
    async (c) => c.json(await alarmStats({ ctx: c.var.ctx, ...c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/follow-ups", tags: ["alarms"], summary: "待回访：真实告警关闭后，次日的关爱电话", request: { query: z.object({ status: z.enum(["open", "done"]).optional() }) }, responses: ok("待办", Items) }),
    async (c) => c.json(await listFollowUps({ ctx: c.var.ctx, status: c.req.valid("query").status }), 200),
  );
  // the live queue: Server-Sent Events of alarms raised, grouped and updated in the operator's region
  app.get("/api/v1/alarms/stream", (c) => {
    const ctx = c.var.ctx;
    requirePermission(ctx.actor, "alarm:handle");
    return streamSSE(c, async (stream) => {
      const bus = alarmBus(ctx.database);
      const onAlarm = (e: AlarmEvent) => {
        if (e.regionCode.startsWith(ctx.actor.regionCode)) void stream.writeSSE({ event: "alarm", data: JSON.stringify(e) });
      };
      bus.on("alarm", onAlarm);
      await stream.writeSSE({ event: "ready", data: "{}" });
      // until the client goes: a keep-alive every 15 s, and nothing left running after it has gone
      await new Promise<void>((resolve) => {
        const ping = setInterval(() => void stream.writeSSE({ event: "ping", data: "{}" }).catch(() => undefined), 15_000);
        stream.onAbort(() => {
          clearInterval(ping);
          bus.off("alarm", onAlarm);
          resolve();
        });
      });
    });
  });
  // after /alarms/stream and /alarms/stats, which its {id} would otherwise take
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/alarms/{id}", tags: ["alarms"], summary: "一条告警：计时、处置步骤（谁、何时、结果、备注）", request: { params: IdParam }, responses: ok("告警") }),
    async (c) => c.json(await getAlarm({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
}
