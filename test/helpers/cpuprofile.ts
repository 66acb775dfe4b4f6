/**
 * A small V8 `.cpuprofile` written by hand for tests: each stack (root-first frames) is sampled
 * `samples` times, every sample 10 ms apart, so a stack's weight is exactly `samples` × 10 ms
 * (the importer gives each sample the time until the next, the last one until `endTime`).
 */
export interface StackSpec {
  /** Root-first frames: [function name, file path, 1-based line]. */
  readonly frames: readonly (readonly [string, string, number])[];
  readonly samples: number;
}

export const SAMPLE_MS = 10;

export function cpuprofileJson(stacks: readonly StackSpec[]): string {
  interface Node {
    id: number;
    callFrame: {
      functionName: string;
      scriptId: string;
      url: string;
      lineNumber: number;
      columnNumber: number;
    };
    hitCount: number;
    children: number[];
  }
  const root: Node = {
    id: 1,
    callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
    hitCount: 0,
    children: [],
  };
  const nodes: Node[] = [root];
  const byPath = new Map<string, Node>();
  const samples: number[] = [];
  for (const s of stacks) {
    let parent = root;
    let path = '';
    for (const [name, file, line] of s.frames) {
      path += `\u0000${name}@${file}:${line}`;
      let n = byPath.get(path);
      if (!n) {
        n = {
          id: nodes.length + 1,
          callFrame: {
            functionName: name,
            scriptId: '1',
            url: `file://${file}`,
            lineNumber: line - 1,
            columnNumber: 0,
          },
          hitCount: 0,
          children: [],
        };
        nodes.push(n);
        byPath.set(path, n);
        parent.children.push(n.id);
      }
      parent = n;
    }
    parent.hitCount += s.samples;
    for (let i = 0; i < s.samples; i++) samples.push(parent.id);
  }
  const us = SAMPLE_MS * 1000;
  return JSON.stringify({
    nodes,
    startTime: 0,
    // Sample i is taken at (i + 1) × 10 ms and stands for the 10 ms until the next (or the end).
    endTime: (samples.length + 1) * us,
    samples,
    timeDeltas: samples.map(() => us),
  });
}
