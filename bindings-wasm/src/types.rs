//! TypeScript declarations of the plain objects that cross the boundary, appended to the
//! generated `.d.ts`; methods that take or return them name these types.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** ISO 8601 local date-time, e.g. "2027-01-04T08:00:00". */
export type DateTime = string;
export type LinkKind = "fs" | "ss" | "ff" | "sf";
export type ConstraintKind = "asap" | "alap" | "snet" | "snlt" | "fnet" | "fnlt" | "mso" | "mfo";

/** Why a task starts when it does. */
export type Driver =
  | { type: "project_start" }
  | { type: "predecessor"; task: number; kind: LinkKind }
  | { type: "constraint"; kind: ConstraintKind }
  | { type: "summary"; task: number }
  | { type: "calendar"; calendar: number; cause: Driver };

/** One task of a schedule; durations and floats are working minutes. */
export interface ScheduledTask {
  id: number;
  name: string;
  kind: "summary" | "task" | "milestone";
  start: DateTime;
  finish: DateTime;
  early_start: DateTime;
  early_finish: DateTime;
  late_start: DateTime;
  late_finish: DateTime;
  duration: number;
  total_float: number;
  free_float: number;
  critical: boolean;
  driver: Driver;
}

export type ScheduleWarning =
  | { type: "constraint_conflict"; task: number; name: string; constraint: ConstraintKind; date: DateTime; links_want_start: DateTime }
  | { type: "missed_deadline"; task: number; name: string; deadline: DateTime; finish: DateTime }
  | { type: "negative_float"; tasks: number[] };

/** How a duration is distributed between its three points. */
export type Distribution =
  | { type: "beta_pert"; lambda?: number }
  | { type: "triangular" | "uniform" | "normal" | "lognormal" | "fixed" };

/** A three-point estimate in working minutes. */
export interface EstimateInput {
  optimistic: number;
  most_likely: number;
  pessimistic: number;
  distribution?: Distribution;
}

/** A three-point money estimate. */
export interface CostEstimateInput {
  optimistic: number;
  most_likely: number;
  pessimistic: number;
  distribution?: Distribution;
}

/** A discrete risk event fed to the simulation. */
export interface RiskEventInput {
  id: string;
  probability: number;
  tasks?: number[];
  delay?: EstimateInput;
  cost?: CostEstimateInput;
}

/** Tasks whose durations move together (pairwise correlation `rho` in [0, 1]). */
export interface CorrelationGroupInput {
  tasks: number[];
  rho: number;
}

/** Options of `Project.simulate`. */
export interface SimulateOptions {
  iterations?: number;
  seed?: number;
  target?: DateTime;
  percentiles?: number[];
  risks?: RiskEventInput[];
  correlations?: CorrelationGroupInput[];
  sensitivity?: boolean;
  histogramBins?: number;
}

/** One bar of the finish histogram. */
export interface HistogramBin {
  start: DateTime;
  end: DateTime;
  count: number;
  /** Share of iterations finishing before `end`. */
  cumulative: number;
}
"#;
