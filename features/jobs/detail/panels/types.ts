import type { Job, Operation, OperationDetail, XmlTree } from '@/lib/ci/types';

export type DetailKind = OperationDetail['kind'];

/** The detail variant of a family (families without results of their own carry only `kind`). */
export type DetailOf<K extends DetailKind> = [Extract<OperationDetail, { kind: K }>] extends [never]
  ? { kind: K }
  : Extract<OperationDetail, { kind: K }>;

export interface PanelProps<K extends DetailKind> {
  job: Job;
  operation: Operation;
  detail: DetailOf<K>;
}

/** A string leaf of the echoed configuration, e.g. configText(op.config, 'Translation', 'Lang'). */
export function configText(tree: XmlTree | undefined, ...path: string[]): string | null {
  let node: XmlTree | undefined = tree;
  for (const key of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
    node = node[key];
  }
  return typeof node === 'string' ? node : null;
}
