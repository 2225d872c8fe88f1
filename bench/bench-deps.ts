// What the benchmark borrows from the domain, in one place.
export { actorOf, type Ctx, demoRegions, type ElderWrite, generateDemoElders, getImportErrorReport, insertEldersBulk, normalizeElder, Secrets, startImport, SYSTEM_ACTOR } from "@carecircle/domain";
export { loadRegionFacts as loadRegionFactsForBench } from "@carecircle/domain/elders/internal.ts";
