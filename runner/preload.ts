/**
 * The `--require` preload every Node process of a cpu-prof run gets through NODE_OPTIONS.
 *
 * Why a preload and not `--cpu-prof`: Node 20 refuses `--cpu-prof` in NODE_OPTIONS
 * ("--cpu-prof is not allowed in NODE_OPTIONS"), and NODE_OPTIONS is the only way to reach every
 * process of a tree (a soak script and the daemons it starts). So the preload does what
 * `--cpu-prof` does, through the in-process inspector: start the V8 sampling profiler at load,
 * and on exit stop it and write `CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile` (Node's own
 * name, pid included) into PERFLENS_CPU_PROF_DIR. The in-process session answers synchronously,
 * which is what makes writing from the 'exit' handler possible.
 *
 * Like `--cpu-prof`, the profile is written only on an orderly exit, and a default
 * SIGINT/SIGTERM is not one. So the preload also turns those signals into `process.exit()`.
 * If the program installs its own handler, its graceful shutdown runs instead, with an unref'd
 * fallback exit so a handler that never exits still yields a profile before the runner's
 * SIGKILL (PERFLENS_EXIT_FALLBACK_MS, kept below the runner's grace period). A forced exit is
 * noted in PERFLENS_EVENTS_FILE (one JSON line), so the run is recorded as stopped, not completed.
 *
 * The source is embedded and written into the run folder at start, rather than shipped as a
 * separate file, so bundling the runner (extension, CLI) can never lose it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PRELOAD_SOURCE = `'use strict';
// Written by PerfLens (runner/preload.ts). Profiles this process like node --cpu-prof and turns
// SIGINT/SIGTERM/SIGHUP into process.exit() so the profile is written when a run is stopped.
(function perflensPreload() {
  try { if (!require('worker_threads').isMainThread) return; } catch (e) { /* no workers */ }
  var fs = require('fs');
  var path = require('path');
  var dir = process.env.PERFLENS_CPU_PROF_DIR;
  if (dir) {
    var session;
    try {
      var inspector = require('inspector');
      session = new inspector.Session();
      session.connect();
      session.post('Profiler.enable');
      var us = Number(process.env.PERFLENS_CPU_PROF_INTERVAL_US);
      if (us > 0) session.post('Profiler.setSamplingInterval', { interval: Math.round(us) });
      session.post('Profiler.start');
    } catch (e) {
      session = undefined;
      process.stderr.write('perflens: could not start the CPU profiler in pid ' + process.pid + ': ' + e.message + '\\n');
    }
    var written = false;
    process.on('exit', function perflensWriteProfile() {
      if (!session || written) return;
      written = true;
      var profile;
      session.post('Profiler.stop', function (err, res) { if (!err && res) profile = res.profile; });
      if (!profile) return;
      var d = new Date();
      var p2 = function (n) { return String(n).padStart(2, '0'); };
      var name = 'CPU.' + d.getFullYear() + p2(d.getMonth() + 1) + p2(d.getDate()) + '.' +
        p2(d.getHours()) + p2(d.getMinutes()) + p2(d.getSeconds()) + '.' + process.pid + '.0.001.cpuprofile';
      try {
        fs.mkdirSync(dir, { recursive: true });
        var file = path.join(dir, name);
        fs.writeFileSync(file + '.tmp', JSON.stringify(profile));
        fs.renameSync(file + '.tmp', file);
      } catch (e) {
        process.stderr.write('perflens: could not write the CPU profile of pid ' + process.pid + ': ' + e.message + '\\n');
      }
    });
  }
  var fallbackMs = Number(process.env.PERFLENS_EXIT_FALLBACK_MS) || 3000;
  var codes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
  // The runner must know when an exit was forced here: such a run was stopped, not completed.
  var events = process.env.PERFLENS_EVENTS_FILE;
  var note = function (rec) {
    if (!events) return;
    rec.pid = process.pid;
    try { require('fs').appendFileSync(events, JSON.stringify(rec) + '\\n'); } catch (e) { /* gone */ }
  };
  Object.keys(codes).forEach(function (sig) {
    process.on(sig, function perflensOnSignal() {
      if (process.listenerCount(sig) > 1) {
        // The program handles this signal itself; exit anyway if its shutdown hangs.
        setTimeout(function () {
          note({ event: 'forced-exit', signal: sig, afterMs: fallbackMs });
          process.exit(codes[sig]);
        }, fallbackMs).unref();
        return;
      }
      process.exit(codes[sig]);
    });
  });
})();
`;

/** Writes the preload under `<runDir>/.perflens/` and returns its absolute path. */
export function writePreload(runDir: string): string {
  const dir = path.join(runDir, '.perflens');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'preload.cjs');
  fs.writeFileSync(file, PRELOAD_SOURCE);
  return file;
}

/** Where the preload notes forced exits: `<runDir>/.perflens/events.jsonl`. */
export function preloadEventsFile(runDir: string): string {
  return path.join(runDir, '.perflens', 'events.jsonl');
}

/** Pids whose exit the preload forced (they ignored the stop signal). */
export function readForcedExits(runDir: string): number[] {
  let text: string;
  try {
    text = fs.readFileSync(preloadEventsFile(runDir), 'utf8');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const line of text.split('\n')) {
    try {
      const rec = JSON.parse(line) as { event?: unknown; pid?: unknown };
      if (rec.event === 'forced-exit' && typeof rec.pid === 'number') pids.push(rec.pid);
    } catch {
      /* empty or cut line */
    }
  }
  return pids;
}
