import { addTraining, createFacility, createStaff, fileFacility, getFacility, getStaff, listFacilities, listStaff, planningReport, setFacilityStatus, StaffListQuery, staffingReport, updateFacility, updateStaff, workforceSummary } from "@carecircle/domain";
import { CreateFacilityInput, CreateStaffInput, FacilityFilingInput, FacilityListQuery, FacilityStatusInput, TrainingInput, UpdateFacilityInput, UpdateStaffInput } from "@carecircle/shared";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { AnyJson, errorResponses, IdParam, jsonBody, ok } from "./openapi.ts";

const Items = z.object({ items: z.array(AnyJson), nextCursor: z.string().nullable().optional() });
const created = (description: string) => ({ 201: { description, content: { "application/json": { schema: AnyJson } } }, ...errorResponses });
const RegionQuery = z.object({ regionCode: z.string().regex(/^\d{2,12}$/, "区划代码应为数字").optional() });

/** Facilities (C13), planning targets, and the workforce (C15). */
export function facilityRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/facilities", tags: ["facilities"], summary: "养老设施（中心、站、点、机构）：民政看本辖区；服务商管理员看自己运营的（只读）", request: { query: FacilityListQuery }, responses: ok("设施", Items) }),
    async (c) => c.json(await listFacilities({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/facilities", tags: ["facilities"], summary: "登记设施：中心在街道，站在社区且上级中心在同一街道，床位数 ≥ 护理型床位数", request: { body: jsonBody(CreateFacilityInput) }, responses: created("已登记") }),
    async (c) => c.json(await createFacility({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/facilities/{id}", tags: ["facilities"], summary: "设施详情：所带的站、在册人员数、最近星级", request: { params: IdParam }, responses: ok("设施") }),
    async (c) => c.json(await getFacility({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/api/v1/facilities/{id}", tags: ["facilities"], summary: "修改设施信息（类型与区划不变）", request: { params: IdParam, body: jsonBody(UpdateFacilityInput) }, responses: ok("设施") }),
    async (c) => c.json(await updateFacility({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/facilities/{id}/status", tags: ["facilities"], summary: "变更运营状态（运营中、暂停、关闭），须说明原因，留痕审计", request: { params: IdParam, body: jsonBody(FacilityStatusInput) }, responses: ok("设施") }),
    async (c) => c.json(await setFacilityStatus({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/facilities/{id}/filing", tags: ["facilities"], summary: "备案：备案号、日期、备案材料", request: { params: IdParam, body: jsonBody(FacilityFilingInput) }, responses: ok("设施") }),
    async (c) => c.json(await fileFacility({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/planning", tags: ["facilities"], summary: "规划目标与实际：每千名老人床位、护理型床位占比、街道中心、社区站点，未建站的社区", request: { query: RegionQuery }, responses: ok("规划") }),
    async (c) => c.json(await planningReport({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/staff", tags: ["workforce"], summary: "从业人员：证书到期提醒（expiring=30 列出30天内到期或已过期）、入职奖补资格", request: { query: StaffListQuery }, responses: ok("从业人员", Items) }),
    async (c) => c.json(await listStaff({ ctx: c.var.ctx, query: c.req.valid("query") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/staff", tags: ["workforce"], summary: "登记从业人员：身份证号校验并加密存储，所属设施或服务商，岗位、证书、学历", request: { body: jsonBody(CreateStaffInput) }, responses: created("已登记") }),
    async (c) => c.json(await createStaff({ ctx: c.var.ctx, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/staff/{id}", tags: ["workforce"], summary: "从业人员详情与培训记录", request: { params: IdParam }, responses: ok("从业人员") }),
    async (c) => c.json(await getStaff({ ctx: c.var.ctx, id: c.req.valid("param").id }), 200),
  );
  app.openapi(
    createRoute({ method: "patch", path: "/api/v1/staff/{id}", tags: ["workforce"], summary: "更新从业人员：换发证书（整体替换证书列表）、岗位、学历、离岗（active=false）", request: { params: IdParam, body: jsonBody(UpdateStaffInput) }, responses: ok("从业人员") }),
    async (c) => c.json(await updateStaff({ ctx: c.var.ctx, id: c.req.valid("param").id, input: c.req.valid("json") }), 200),
  );
  app.openapi(
    createRoute({ method: "post", path: "/api/v1/staff/{id}/trainings", tags: ["workforce"], summary: "记录培训（课程、学时、是否合格、日期）；只增不改", request: { params: IdParam, body: jsonBody(TrainingInput) }, responses: created("已记录") }),
    async (c) => c.json(await addTraining({ ctx: c.var.ctx, staffId: c.req.valid("param").id, input: c.req.valid("json") }), 201),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/workforce", tags: ["workforce"], summary: "辖区从业人员概况：培训率（近12个月培训合格的在岗人员占比）、证书到期", request: { query: RegionQuery }, responses: ok("概况") }),
    async (c) => c.json(await workforceSummary({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
  app.openapi(
    createRoute({ method: "get", path: "/api/v1/staffing", tags: ["workforce"], summary: "机构护理员配比：按入住老人能力（失能1:3、半失能1:5、自理1:10）所需护理员与缺口，缺口大的在前", request: { query: RegionQuery }, responses: ok("配比", Items) }),
    async (c) => c.json(await staffingReport({ ctx: c.var.ctx, regionCode: c.req.valid("query").regionCode }), 200),
  );
}
