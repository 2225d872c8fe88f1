/** The public blacklist (spread into en.ts). */
export const blacklistEn = {
  blacklist: {
    title: "Public blacklist",
    intro: "These institutions and people were blacklisted by the civil-affairs bureau and may not provide government-paid elderly care during the period. People's names are masked.",
    area: "Area",
    allAreas: "All areas",
    empty: "No blacklisting is in force",
    period: "Period: {{from}} to {{to}}",
    indefinite: "until further notice",
    link: "Public blacklist",
    kind: { facility: "Institution / facility", provider: "Provider", legal_person: "Legal person", worker: "Caregiver", staff: "Staff member", recipient: "Service recipient" },
  },
};
