import ExcelJS from "exceljs";
import { COLUMNS } from "./columns.ts";
import { csvCell } from "./spreadsheet.ts";

/** The documented import template: the columns, one example row, and a sheet explaining each column. */
export async function importTemplate(format: "xlsx" | "csv"): Promise<{ fileName: string; data: Buffer; contentType: string }> {
  if (format === "csv") {
    const lines = [COLUMNS.map((c) => csvCell(c.header)).join(","), COLUMNS.map((c) => csvCell(c.example)).join(",")];
    return {
      fileName: "老人档案导入模板.csv",
      // BOM so that Excel opens UTF-8 Chinese correctly
      data: Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`, "utf8"),
      contentType: "text/csv; charset=utf-8",
    };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("老人档案");
  ws.columns = COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width, style: { numFmt: "@" } }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.example])));
  const help = wb.addWorksheet("填写说明");
  help.columns = [
    { header: "列名", key: "header", width: 14 },
    { header: "是否必填", key: "required", width: 10 },
    { header: "说明与可选值", key: "help", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of COLUMNS) help.addRow({ header: c.header, required: c.required ? "必填" : "", help: c.help });
  help.addRow({});
  help.addRow({ header: "规则", help: "同一身份证号再次导入将更新原档案，内容相同则不变；有错误的行不会写入，并在错误报告中列出行号、列和原因。" });
  return {
    fileName: "老人档案导入模板.xlsx",
    data: Buffer.from(await wb.xlsx.writeBuffer()),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}
