import type { Resources } from "./zh-CN.ts";

export const ratingsEn: Pick<Resources, "ratings"> = {
  ratings: {
    title: "Care facility star ratings",
    intro: "Star ratings confirmed and published by the civil affairs bureau. Open a facility to see each rating's score.",
    area: "Area",
    allAreas: "All areas",
    stars: "Stars",
    all: "All",
    starsText: { "0": "No star", "1": "One star", "2": "Two stars", "3": "Three stars", "4": "Four stars", "5": "Five stars" },
    notRated: "Not rated yet",
    search: "Find by name or address",
    searchButton: "Find",
    score: "Score {{score}}",
    ratedOn: "Rated on {{date}}",
    unqualified: "Unqualified: rectifying by a deadline",
    suspended: "Suspended",
    empty: "No facility matches.",
    more: "Show 10 more",
    history: "Ratings so far",
    historyEmpty: "No published rating yet.",
    recheck: "Re-check",
    sections: "Share of points by section",
    link: "See the star ratings of care facilities",
    tier: { center: "Street care center", station: "Community care station", point: "Village mutual-aid point", institution: "Care institution" },
  },
};
