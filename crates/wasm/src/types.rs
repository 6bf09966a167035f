//! The TypeScript contract of the package, written by hand so that it says
//! exactly what the report and the options are (the report shape of `banli_core::report`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** zh-CN (default) or en. */
export type Lang = "zh-CN" | "en";

export interface ValidateOptions {
  lang?: Lang;
  /** Acceptance date YYYY-MM-DD for deadlines; default: today in Asia/Shanghai. */
  acceptedOn?: string;
  /** validateJson only: indented JSON, as `banli check --format json` prints. */
  pretty?: boolean;
}

export type Disposition = "provided" | "shared" | "deferred" | "in_lieu";

export interface FileRef { name: string; size: number; sha256: string; }

/** The submission envelope: `banli_core::envelope::Envelope` (contract: docs/item-format.md). */
export interface Submission {
  item: { code: string; version: string };
  data: Record<string, unknown>;
  /** A per-item material is `{ entries: [choice | null, ...] }`, one per entry of its array. */
  materials?: Record<string, MaterialChoice | { entries: (MaterialChoice | null)[] }>;
  conditions?: Record<string, { disposition: "in_lieu" }>;
  commitment?: { signer: string; signed_at: string };
}

export interface MaterialChoice {
  disposition: Disposition;
  files?: FileRef[];
  alternative?: string;
}

export interface ReportError {
  /** JSON Pointer into data, or /materials/<id>, /conditions/<id>, /commitment, /item/... */
  path: string;
  /** Stable code: required, type, enum, pattern, format.cn-id-card, material.missing, ... */
  code: string;
  /** The field's label path, e.g. "经营者信息 › 身份证号码". */
  label: string;
  message: string;
}

export interface MaterialStatus {
  id: string;
  name: string;
  required: boolean;
  disposition: Disposition | "missing" | "not_required" | "generated";
  /** For a material with alternatives: the one the submission names. */
  alternative?: { id: string; name: string };
  /** For a per-item material (one per entry of an array of the form): each entry's copy, at /materials/<id>/entries/<n>. */
  entries?: { entry: string; disposition: Disposition | "missing" | "not_required" | "generated"; alternative?: { id: string; name: string } }[];
}

/** The applicant's checklist from the answers to the situation questions (办事指引). */
export interface Checklist {
  lang: Lang;
  /** The situations that hold, in the guide's wording. */
  situations: string[];
  /** JSON Pointers of the situation questions not answered yet. */
  unanswered: string[];
  /** Their titles in the checklist's language, in the same order. */
  unanswered_titles: string[];
  materials: ChecklistMaterial[];
  promised: string;
  statutory: string;
  visits: string;
  fees: string;
  results: string[];
  /** The name of the variant (业务办理项) the answers chose, for an item with variants. */
  variant?: string;
  /** In a merged bundle: each member's variant the answers chose, worded with the member's name. */
  member_variants?: string[];
}

export interface ChecklistMaterial {
  id: string;
  name: string;
  need: "required" | "optional" | "not_needed" | "unanswered" | "depends_on_form";
  /** The necessity in the guide's words, e.g. 属上一级…的项目时需要. */
  necessity: string;
  /** The situations that hold and decide this material. */
  because: string[];
  source: string;
  issuer?: string;
  form?: string;
  /** For a per-item material: how many copies, e.g. 每名拟聘用驾驶员各一份. */
  each?: string;
  generated: boolean;
  shareable: boolean;
  deferrable: boolean;
  in_lieu: boolean;
  notes?: string;
}

export interface Deadlines {
  accepted_on: string;
  on_the_spot?: true;
  promised?: string;
  statutory?: string;
  deferred_due?: string;
  /** Deadlines that end in a year whose public holidays are not loaded: no date yet. */
  pending?: PendingDeadline[];
}

export interface PendingDeadline {
  deadline: 'promised' | 'statutory' | 'deferred_due';
  /** Working days from the acceptance date. */
  working_days: number;
  /** The first year whose holidays are missing. */
  year: number;
  code: 'calendar.year_not_covered';
  message: string;
}

export interface Commitment {
  kind: "deferral" | "in_lieu";
  item: { code: string; version: string; name: string };
  materials: { id: string; name: string }[];
  conditions?: { id: string; text: string }[];
  due?: string;
  due_working_days?: number;
  /** The due date waits for this year's public holidays. */
  due_pending_year?: number;
  withhold_result?: true;
  signer: string | null;
  signed_at: string | null;
  data_sha256: string;
  title: string;
  text: { "zh-CN": string; en: string };
}

/** The verdict on a bundle envelope: each member's own report, in member order. */
export interface BundleReport {
  status: "valid" | "valid_with_commitments" | "invalid";
  /** Problems of the bundle envelope itself (another bundle's code or version)
   *  and of the answers to the bundle's questions. */
  errors?: ReportError[];
  /** `applies` is false for a member whose `when` does not hold: it is not
   *  applied for and has no `report`. */
  members: { key: string; code: string; name: string; applies: boolean; report?: Report }[];
}

export interface Report {
  status: "valid" | "valid_with_commitments" | "invalid";
  errors: ReportError[];
  materials: MaterialStatus[];
  deadlines: Deadlines | null;
  commitments: Commitment[];
  /** The variant (业务办理项) the answers chose, for an item with variants. */
  variant?: {
    id: string;
    code?: string;
    name: string;
    role: "decides" | "forwards";
    authority?: string;
  };
}

export interface Diagnostic {
  severity: "error" | "warning";
  pointer: string;
  code: string;
  message: string;
}

export interface LintOptions {
  lang?: Lang;
  /** Warn when a deferral deadline leaves fewer working days than this before the promised limit (default 2). */
  deferralMargin?: number;
  /** A bundle's members (`{ <member key>: definition }`, as `new Bundle` takes them):
   *  with them a bundle is linted with its merge and its `when` conditions. */
  members?: Record<string, string | object>;
}

/** Where one member of a bundle comes from (`bundleMembers`): a path relative
 *  to the bundle file, or an implementation code (实施编码) to look up. */
export type BundleMember = { key: string; file: string } | { key: string; code: string };

/** One lint finding, as `banli lint --format json` prints it. */
export interface LintFinding {
  severity: "error" | "warning";
  pointer: string;
  /** 1-based; null only when the text is not JSON up to the place. */
  line: number | null;
  column: number | null;
  /** The rule: definition.*, meta-schema codes, or lint.* quality rules. */
  code: string;
  message: string;
  hint: string | null;
}

/** Thrown by `new Item(...)` for an unusable definition. */
export interface DefinitionError extends Error {
  name: "DefinitionError";
  problems: (Diagnostic & { messageEn: string })[];
}
"#;
