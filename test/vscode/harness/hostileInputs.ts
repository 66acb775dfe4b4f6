/**
 * Inputs whose names try to break out of every place they are shown: a V8 CPU profile whose
 * function and file names, and a counter log whose counter names, carry HTML and script. Each
 * payload, if it ever ran, would set the document's title to PWNED — tests check it never does
 * and that the text shows literally.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';

export const HOSTILE = {
  scriptBreak: `</script><img src=x onerror="document.title='PWNED'">`,
  attrBreak: `"><svg onload="document.title='PWNED'">`,
  backticks: "tick`${document.title='PWNED'}`\u2028next\u2029end",
} as const;

/** Writes `hostile.cpuprofile` and `hostile.log` into `dir`; returns their paths. */
export function writeHostileInputs(dir: string): { profile: string; log: string } {
  const file = join(dir, `${HOSTILE.attrBreak}.js`);
  const frame = (functionName: string, lineNumber: number) => ({
    functionName,
    scriptId: '1',
    url: file,
    lineNumber,
    columnNumber: 0,
  });
  const profile = {
    nodes: [
      {
        id: 1,
        callFrame: {
          functionName: '(root)',
          scriptId: '0',
          url: '',
          lineNumber: -1,
          columnNumber: -1,
        },
        hitCount: 0,
        children: [2],
      },
      { id: 2, callFrame: frame(HOSTILE.scriptBreak, 4), hitCount: 0, children: [3] },
      { id: 3, callFrame: frame(HOSTILE.backticks, 9), hitCount: 0 },
    ],
    startTime: 0,
    endTime: 4000,
    // 2 samples in scriptBreak's own code, 2 in backticks (called from it): 1 ms apart
    samples: [2, 3, 3, 2],
    timeDeltas: [1000, 1000, 1000, 1000],
  };
  const profilePath = join(dir, 'hostile.cpuprofile');
  writeFileSync(profilePath, JSON.stringify(profile));
  const cell = (count: number, totalMs: number) => ({
    count,
    totalMs,
    avgMs: totalMs / count,
    maxMs: totalMs / count,
  });
  const dump = (iso: string) =>
    `[${iso}] [INFO ] [perf] [perf-counters] snapshot: ${inspect({
      [HOSTILE.scriptBreak]: cell(4, 40),
      [HOSTILE.attrBreak]: cell(2, 10),
      [HOSTILE.backticks]: cell(1, 5),
    })}`;
  const logPath = join(dir, 'hostile.log');
  writeFileSync(
    logPath,
    `${dump('2026-01-01T00:00:05.000Z')}\n${dump('2026-01-01T00:00:10.000Z')}\n`,
  );
  return { profile: profilePath, log: logPath };
}
