#!/usr/bin/env bash
# Cost of SessionGuard: SpotBugs with and without the plugin, same jars, alternating runs.
#
# Two sets:
#   frameworks   real jars from Maven Central (tomcat-embed-core, spring-security-web/config, spring-webmvc,
#                spring-web, shiro-core/web, jetty-server, keycloak-services): mostly code SessionGuard
#                screens out cheaply;
#   servlet-app  a generated servlet-dense application (scripts/generate-servlet-app.py, 2,000 classes
#                by default) where every class passes the pre-screen and most methods are analysed.
# For each set it prints the median wall time, CPU time (user + system) and peak memory (maximum resident
# set size) of each side, their ratios (target: <= 1.03 wall and CPU, memory within 5 %), and checks
# robustness: no SessionGuard analysis error, and the findings of two runs with the plugin identical.
# To explain the ratios it also prints, for each side, where the CPU time went (scripts/lib/thread-cpu.py
# reads each thread's time from /proc: the thread SpotBugs analyses on, the JIT's compiler threads, the
# collector's and the VM's threads, the others; on a machine with few cores the JIT compiles for most of a
# run, and the plugin's own code joins its queue) and the largest heap occupancy after a collection (from
# the GC log; peak memory is what G1 chose to reserve, which follows the allocation rate more than what the
# analysis keeps).
# It also prints how many application methods SessionGuard analysed in depth (ran its own dataflow on)
# against all of them, as the plugin counts them when the sessionguard.stats property names a file.
# It reports; it does not fail on a ratio.
#
# Usage: scripts/benchmark.sh                 (RUNS=3 alternating pairs per set)
#        RUNS=5 SETS="servlet-app" CLASSES=3000 scripts/benchmark.sh
set -euo pipefail
shopt -s inherit_errexit  # a failing run inside $(...) stops the script too

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/target/benchmark"
. "$ROOT/scripts/lib/spotbugs-env.sh"
RUNS=${RUNS:-3}
SETS=${SETS:-"frameworks servlet-app"}
CLASSES=${CLASSES:-2000}

FRAMEWORKS=(
  org.apache.tomcat.embed:tomcat-embed-core:11.0.27
  org.springframework.security:spring-security-web:6.4.5
  org.springframework.security:spring-security-config:6.4.5
  org.springframework:spring-webmvc:6.2.12
  org.springframework:spring-web:6.2.12
  org.apache.shiro:shiro-core:2.2.0
  org.apache.shiro:shiro-web:2.2.0
  org.eclipse.jetty:jetty-server:12.1.14
  org.keycloak:keycloak-services:26.0.7
)
AUX=(
  "${FRAMEWORK_AUX[@]}"
  org.eclipse.jetty:jetty-http:12.1.14
  org.eclipse.jetty:jetty-io:12.1.14
  org.eclipse.jetty:jetty-util:12.1.14
)

ensure_plugin
ENGINE_CP="$(engine_classpath)"
fetch "$WORK/aux" "${AUX[@]}"
AUX_CP="$(ls "$WORK"/aux/*.jar | tr '\n' ':')"

prepare() { # set -> prints the paths to analyse
  case "$1" in
    frameworks)
      fetch "$WORK/frameworks" "${FRAMEWORKS[@]}"
      ls "$WORK"/frameworks/*.jar ;;
    servlet-app)
      local app="$WORK/servlet-app-$CLASSES"
      if [ ! -d "$app/classes" ]; then
        rm -rf "$app"
        python3 "$ROOT/scripts/generate-servlet-app.py" "$app/src" "$CLASSES"
        mkdir -p "$app/classes"
        find "$app/src" -name '*.java' > "$app/sources.txt"
        javac -nowarn -g -d "$app/classes" -cp "$WORK/aux/jakarta.servlet-api-6.1.0.jar" @"$app/sources.txt"
      fi
      echo "$app/classes" ;;
    *) echo "unknown set $1" >&2; exit 2 ;;
  esac
}

run() { # set name extra-args... (analyses "${paths[@]}")
  # prints "wall-ms cpu-ms peak-kb analysis-thread-ms jit-threads-ms gc-vm-threads-ms other-threads-ms heap-after-gc-kb"
  local set=$1 name=$2; shift 2
  local out="$WORK/$set-$name" timer watcher
  rm -f "$out.stats" "$out.gc" "$out.pid" "$out.threads"
  # java runs under time through a shell that first writes its pid (exec keeps it) for the thread watcher.
  /usr/bin/time -f '%e %U %S %M' -o "$out.time" bash -c 'echo $$ > "$0" || exit 125; exec "$@"' "$out.pid" \
    java -Xmx4g -Xlog:gc:file="$out.gc" -Dprofiler.report=true \
    -Dsessionguard.stats="$out.stats" -cp "$ENGINE_CP" edu.umd.cs.findbugs.FindBugs2 \
    -quiet -low -effort:max "$@" -xml:withMessages="$out.xml" -auxclasspath "$AUX_CP" "${paths[@]}" > "$out.log" 2>&1 &
  timer=$!
  while [ ! -s "$out.pid" ] && kill -0 "$timer" 2> /dev/null; do sleep 0.05; done
  [ -s "$out.pid" ] || { wait "$timer" || true; echo "SpotBugs did not start ($name), see $out.log" >&2; exit 1; }
  python3 "$ROOT/scripts/lib/thread-cpu.py" "$(cat "$out.pid")" "$out.threads" &
  watcher=$!
  wait "$timer" || { echo "SpotBugs failed ($name), see $out.log:" >&2; tail -5 "$out.log" >&2; exit 1; }
  wait "$watcher"
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
r, u, s, m = map(float, open(out + ".time").read().split()[-4:])
analysis, jit, gc, other = map(int, open(out + ".threads").read().split())
# "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 420M->180M(1024M) 12.3ms": the heap after each young or full
# collection (a concurrent cycle's Remark and Cleanup pauses leave the young generation in place, garbage and all).
after = [int(x) for x in re.findall(r"Pause (?:Young|Full)\b.*? \d+M->(\d+)M\(", open(out + ".gc").read())]
print(int(r * 1000), int((u + s) * 1000), int(m), analysis, jit, gc, other, max(after, default=0) * 1024)
PY
}

findings() { # xml -> SessionGuard findings, one per line, sorted, without timestamps
  python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
rows = []
for bug in ET.parse(sys.argv[1]).getroot().iter("BugInstance"):
    if bug.get("type", "").startswith(("COOKIE_MISSING_", "SESSION_")):
        line = next((s.get("start") for s in bug.findall("SourceLine")), "?")
        rows.append(f'{bug.get("type")} {bug.get("priority")} {bug.find("Class").get("classname")}:{line} {bug.findtext("LongMessage")}')
print("\n".join(sorted(rows)))
PY
}

for set in $SETS; do
  mapfile -t paths < <(prepare "$set")
  echo "== $set: $(for p in "${paths[@]}"; do basename "$p"; done | tr '\n' ' ')"
  : > "$WORK/$set.samples"
  # Only this series' findings are compared: a longer series before may have left more files.
  rm -f "$WORK/$set"-findings-*.txt
  for ((i = 0; i < RUNS; i++)); do
    a=$(run "$set" without)
    b=$(run "$set" with -pluginList "$PLUGIN")
    read -r wa ca ma _ <<< "$a"
    read -r wb cb mb _ <<< "$b"
    echo "  run $((i + 1)): without ${wa} ms wall, ${ca} ms CPU, ${ma} KB peak; with ${wb} ms, ${cb} ms, ${mb} KB"
    echo "$a $b" >> "$WORK/$set.samples"
    cp "$WORK/$set-without.log" "$WORK/$set-without-$i.log"
    cp "$WORK/$set-with.log" "$WORK/$set-with-$i.log"
    findings "$WORK/$set-with.xml" > "$WORK/$set-findings-$i.txt"
  done
  python3 - "$WORK/$set.samples" <<'PY'
import statistics, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
col = lambda k: statistics.median(r[k] for r in rows)
WITH = 8  # a run's columns: wall, CPU, peak, analysis thread, JIT threads, GC and VM threads, other threads, heap after GC
def line(label, k, unit, scale):
    return (f"median {label}: without {col(k) / scale:.1f} {unit}, with {col(WITH + k) / scale:.1f} {unit}, "
            f"ratio {col(WITH + k) / max(col(k), 1):.3f}")
for label, k, unit, scale in (("wall", 0, "s", 1000), ("CPU", 1, "s", 1000), ("peak memory", 2, "MB", 1024)):
    # The spread of the pairs' own ratios: on a shared machine one pair can differ from the next by 10 %.
    pairs = sorted(r[WITH + k] / max(r[k], 1) for r in rows)
    print("  " + line(label, k, unit, scale) + f" (pairs {pairs[0]:.3f} to {pairs[-1]:.3f})")
print("  to explain them:")
for label, k, unit, scale in (("CPU of the analysis thread", 3, "s", 1000), ("CPU of the JIT compiler threads", 4, "s", 1000),
                              ("CPU of the GC and VM threads", 5, "s", 1000), ("CPU of other threads", 6, "s", 1000),
                              ("heap after GC (largest)", 7, "MB", 1024)):
    print("    " + line(label, k, unit, scale))
added = [statistics.median(r[WITH + k] - r[k] for r in rows) / 1000 for k in (1, 3, 4, 5, 6)]
print("    median CPU time added by the plugin: {:.1f} s; on the analysis thread {:.1f} s, the JIT's {:.1f} s, "
      "the GC and VM threads' {:.1f} s, other threads' {:.1f} s (the rest: threads' last half second, see "
      "scripts/lib/thread-cpu.py)".format(*added))
PY
  python3 "$ROOT/scripts/lib/profile-share.py" "$PLUGIN" "$WORK/$set" "$RUNS" || echo "  SpotBugs' profile: could not be read"
  errors=$(python3 -c "
import xml.etree.ElementTree as ET
r = ET.parse('$WORK/$set-with.xml').getroot()
# Ours: the message names SessionGuard (MethodGuard's reports) or our code is on the stack (an escape).
print(sum('sessionguard' in ' '.join(t.text or '' for t in e.iter()).lower() for e in r.iter('Error')))")
  echo "  SessionGuard analysis errors: $errors"
  echo "  SessionGuard findings: $(grep -c . "$WORK/$set-findings-0.txt" || true)"
  python3 - "$WORK/$set-with.stats" <<'PY'
import os, sys
if not os.path.exists(sys.argv[1]):
    sys.exit(print("  methods SessionGuard analysed in depth: not written (a plugin built before the count?)"))
stats = dict(l.strip().split("=", 1) for l in open(sys.argv[1]) if "=" in l)
total, deep = int(stats["applicationMethods"]), int(stats["analysedInDepth"])
print(f"  methods SessionGuard analysed in depth: {deep} of {total} application methods ({100 * deep / max(total, 1):.1f} %; "
      f"login analysis {stats['fixationAnalysed']} (entries {stats.get('fixationEntries', '?')}, the rest callees), "
      f"cookie analysis {stats['cookieAnalysed']}); {stats.get('analysedAwayFromVisit', '?')} of the {deep} while SpotBugs "
      f"visited another class (callees' summaries, whose CFGs and dataflows are built out of turn)")
PY
  identical=yes
  for f in "$WORK/$set"-findings-*.txt; do cmp -s "$f" "$WORK/$set-findings-0.txt" || identical=no; done
  echo "  findings identical across runs: $identical"
done
