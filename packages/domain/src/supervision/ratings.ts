// 星级评定 (issue 6, C14): schemes as data, rounds, scoring, appeals, confirmation with its consequences, the public page.
export * from "./confirm-evaluation.ts";
export * from "./evaluation-access.ts";
export * from "./evaluation-rounds.ts";
export * from "./evaluations.ts";
export * from "./public-ratings.ts";
export * from "./rating-schemes.ts";
