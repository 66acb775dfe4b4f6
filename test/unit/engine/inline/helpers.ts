/** Hand-made profiles for the inline-cost tests. */

/** A V8 cpuprofile: each frame a child of the root with `samples` samples on top. */
export function flatCpuprofile(
  frames: readonly { url: string; name: string; line0: number; col0: number; samples: number }[],
): string {
  const nodes = [
    {
      id: 1,
      callFrame: {
        functionName: '(root)',
        scriptId: '0',
        url: '',
        lineNumber: -1,
        columnNumber: -1,
      },
      children: frames.map((_, i) => i + 2),
    },
    ...frames.map((f, i) => ({
      id: i + 2,
      callFrame: {
        functionName: f.name,
        scriptId: String(i + 1),
        url: f.url,
        lineNumber: f.line0,
        columnNumber: f.col0,
      },
      children: [],
    })),
  ];
  const samples = frames.flatMap((f, i) => Array<number>(f.samples).fill(i + 2));
  return JSON.stringify({
    nodes,
    startTime: 0,
    endTime: (samples.length + 1) * 1000,
    samples,
    timeDeltas: samples.map(() => 1000),
  });
}
