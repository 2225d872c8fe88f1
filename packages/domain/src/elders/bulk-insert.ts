import { bulkInsert, type Tx } from "@carecircle/db";
import type { ElderWrite } from "./normalize.ts";

/** Inserts normalised elders in one statement (imports, seeding); returns what the audit needs. */
export function insertEldersBulk(tx: Tx, rows: ElderWrite[], table = "elders") {
  const col = <K extends keyof ElderWrite>(key: K) => rows.map((r) => r[key] ?? null);
  return bulkInsert<{ id: string; region_code: string; name: string }>(
    tx,
    table,
    [
      { name: "name", type: "text", values: col("name") },
      { name: "name_pinyin", type: "text", values: col("namePinyin") },
      { name: "name_initials", type: "text", values: col("nameInitials") },
      { name: "name_grams", type: "text[]", values: col("nameGrams") },
      { name: "id_number_enc", type: "bytea", values: col("idNumberEnc") },
      { name: "id_number_hash", type: "text", values: col("idNumberHash") },
      { name: "id_number_masked", type: "text", values: col("idNumberMasked") },
      { name: "birth_date", type: "date", values: col("birthDate") },
      { name: "sex", type: "text", values: col("sex") },
      { name: "phone_enc", type: "bytea", values: col("phoneEnc") },
      { name: "phone_hash", type: "text", values: col("phoneHash") },
      { name: "phone_masked", type: "text", values: col("phoneMasked") },
      { name: "region_code", type: "text", values: col("regionCode") },
      { name: "address", type: "text", values: col("address") },
      { name: "lat", type: "float8", values: col("lat") },
      { name: "lng", type: "float8", values: col("lng") },
      { name: "hukou_type", type: "text", values: col("hukouType") },
      { name: "hukou_address", type: "text", values: col("hukouAddress") },
      { name: "living_situation", type: "text", values: col("livingSituation") },
      { name: "economic_status", type: "text", values: col("economicStatus") },
      { name: "disability_kind", type: "text", values: col("disabilityKind") },
      { name: "disability_grade", type: "int2", values: col("disabilityGrade") },
      { name: "ability_level", type: "int2", values: col("abilityLevel") },
      { name: "tags", type: "text[]", values: col("tags") },
      { name: "health", type: "jsonb", values: col("health") },
      { name: "notes", type: "text", values: col("notes") },
    ],
    "id, region_code, name",
  );
}
