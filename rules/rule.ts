/**
 * The shape of a Rampart rule. One rule = one module: its metadata (id, title, severity, rationale, references,
 * peer equivalents), its check and its fix. The rule index, the documentation pages and the SARIF rule table
 * are generated from these fields (npm run gen).
 */
import type { FileKind, FixSafety, OffsetEdit, Severity } from '../server/src/engine/types';
import type { Span } from '../server/src/dockerfile/parser';
import type { DockerfileModel } from '../server/src/dockerfile/model';

/** Peer tools' ids for the same check (verified against ../shared/catalog). */
export interface Equivalents {
  checkov?: string[];
  hadolint?: string[];
  trivy?: string[];
  kics?: string[];
  'kube-linter'?: string[];
  polaris?: string[];
}

export interface FixSpec { title: string; safety: FixSafety; edits: OffsetEdit[] }

export interface ReportOptions {
  /** Computed only when a fix is asked for (quick fix, --fix). Return null when no mechanical fix applies. */
  fix?: () => FixSpec | null;
  related?: { span: Span; message: string }[];
  /** Overrides the rule's default severity for this finding (e.g. a softer variant). */
  severity?: Severity;
}

export interface RuleContext<M> {
  model: M;
  report(span: Span, message: string, options?: ReportOptions): void;
}

export interface ModelByKind { dockerfile: DockerfileModel }

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  /** One paragraph: why this matters. */
  rationale: string;
  /** Benchmarks and standards (CIS Docker Benchmark, NIST SP 800-190, Pod Security Standards …). */
  references: string[];
  equivalents: Equivalents;
  /** What the quick fix does, for the documentation, when the rule has one. */
  fix?: { description: string; safety: FixSafety };
  /** Findings may point at secret values: reports never quote the flagged source line. */
  sensitive?: boolean;
  /** Extra words for SARIF tags. */
  tags?: string[];
}

export interface Rule<K extends FileKind = FileKind> extends RuleMeta {
  kind: K;
  check(ctx: RuleContext<ModelByKind[K]>): void;
}

export function rule<K extends FileKind>(def: Rule<K>): Rule<K> {
  return def;
}
