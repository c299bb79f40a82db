/** The operator's quality figures, as `GET /api/agent/metrics` returns them. */
export interface QualityFigures {
  conversations: number;
  /** Share of conversations the AI handled without a person (0–1). */
  containment: number | null;
  handoffRate: number | null;
  csat: { average: number | null; count: number };
  firstTokenMsMedian: number | null;
  timeToHumanMsMedian: number | null;
  handoffReasons: { category: string; count: number }[];
}
