#!/usr/bin/env bash
# Precision and cost of SessionGuard's cookie analysis on real framework code.
#
# Copies spring-web, spring-security-web, spring-security-config, tomcat-embed-core, shiro-core and
# shiro-web (each jar alone) from Maven
# Central with dependency:copy, plus the jars they compile against as auxiliary classpath, then runs the
# SpotBugs command line (FindBugs2) over them twice: with SessionGuard (-pluginList) and without. Prints
# every SessionGuard finding and the time of both runs.
#
# Usage: scripts/scan-real-jars.sh            (builds the plugin jar first if it is missing)
#        RUNS=3 scripts/scan-real-jars.sh     (pairs of runs, alternating; the fastest of each side counts,
#                                              which filters out the noise of a shared machine)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$ROOT/target/real-jars"
. "$ROOT/scripts/lib/spotbugs-env.sh"

TARGETS=(
  org.springframework:spring-web:6.2.12
  org.springframework.security:spring-security-web:6.4.5
  org.springframework.security:spring-security-config:6.4.5
  org.apache.tomcat.embed:tomcat-embed-core:11.0.27
)
AUX=(
  "${FRAMEWORK_AUX[@]}"
)
fetch "$WORK/targets" "${TARGETS[@]}" org.apache.shiro:shiro-web:2.2.0 org.apache.shiro:shiro-core:2.2.0
fetch "$WORK/aux" "${AUX[@]}"
ensure_plugin

ENGINE_CP="$(engine_classpath)"
AUX_CP="$(ls "$WORK"/aux/*.jar | tr '\n' ':')"
TARGET_JARS=("$WORK"/targets/*.jar)

run() { # name extra-args...; prints "wall-ms cpu-ms" (CPU = user + system time of the JVM)
  local name=$1; shift
  local times
  times=$( { TIMEFORMAT='%R %U %S'; time java -Xmx3g -cp "$ENGINE_CP" edu.umd.cs.findbugs.FindBugs2 -quiet -low \
    -effort:max "$@" -xml:withMessages="$WORK/$name.xml" -auxclasspath "$AUX_CP" "${TARGET_JARS[@]}" \
    > "$WORK/$name.log" 2>&1; } 2>&1 )
  python3 -c "r, u, s = map(float, '$times'.split()); print(int(r * 1000), int((u + s) * 1000))"
}

echo "Scanning: $(for j in "${TARGET_JARS[@]}"; do basename "$j"; done | tr '\n' ' ')"
wall_without= wall_with= cpu_without= cpu_with=
min() { if [ -z "$1" ] || [ "$2" -lt "$1" ]; then echo "$2"; else echo "$1"; fi; }
for ((i = 0; i < ${RUNS:-2}; i++)); do
  read -r wa ca <<< "$(run without-plugin)"
  read -r wb cb <<< "$(run with-plugin -pluginList "$PLUGIN")"
  echo "  run $((i + 1)): without ${wa} ms wall / ${ca} ms CPU, with ${wb} ms wall / ${cb} ms CPU"
  wall_without=$(min "$wall_without" "$wa"); wall_with=$(min "$wall_with" "$wb")
  cpu_without=$(min "$cpu_without" "$ca"); cpu_with=$(min "$cpu_with" "$cb")
done

python3 - "$WORK/with-plugin.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
patterns = {"COOKIE_MISSING_SECURE", "COOKIE_MISSING_HTTPONLY", "COOKIE_MISSING_SAMESITE",
            "SESSION_FIXATION", "SESSION_FIXATION_PROTECTION_DISABLED"}
names = {1: "HIGH", 2: "NORMAL", 3: "LOW"}
rows = []
for bug in ET.parse(sys.argv[1]).getroot().iter("BugInstance"):
    if bug.get("type") not in patterns:
        continue
    line = next((s.get("start") for s in bug.findall("SourceLine")), "?")
    message = bug.findtext("LongMessage") or ""
    method = bug.find("Method")
    rows.append((int(bug.get("priority")), bug.get("type"), method.get("classname") + "." + method.get("name"),
                 line, message))
rows.sort()
print(f"SessionGuard findings: {len(rows)} "
      f"(HIGH {sum(r[0] == 1 for r in rows)}, NORMAL {sum(r[0] == 2 for r in rows)}, LOW {sum(r[0] == 3 for r in rows)})")
for priority, pattern, where, line, message in rows:
    print(f"  [{names[priority]}] {pattern} {where}:{line}\n      {message}")
PY
echo "SpotBugs errors of SessionGuard: $(python3 -c "
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
print(sum('sessionguard' in ' '.join(t.text or '' for t in e.iter()).lower() for e in r.iter('Error')))" "$WORK/with-plugin.xml")"
python3 -c "
print(f'Wall time without plugin: {$wall_without/1000:.1f} s, with: {$wall_with/1000:.1f} s, ratio {$wall_with/$wall_without:.2f} (fastest runs)')
print(f'CPU time without plugin:  {$cpu_without/1000:.1f} s, with: {$cpu_with/1000:.1f} s, ratio {$cpu_with/$cpu_without:.2f} (fastest runs)')"
