import { AnnotationMetadataEntryType } from "cdktf";
import type { IConstruct } from "constructs";

/** A warning a construct left at synth (`Annotations.of(scope).addWarning`): nothing is refused. */
export interface SynthWarning {
  /** Construct path of its author, from the stack: `dev/Default/alarm-topic`. */
  readonly path: string;
  readonly message: string;
}

/** Every warning left on `scope` and the constructs below it, in tree order. */
export function synthWarnings(scope: IConstruct): SynthWarning[] {
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
        .map((m) => ({ path: c.node.path, message: String(m.data) })),
    );
}

/** One line per warning, as `npm run synth` prints it to stderr. */
export function formatWarning(warning: SynthWarning): string {
  return `warning: ${warning.path}: ${warning.message}`;
}
