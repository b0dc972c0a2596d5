#!/usr/bin/env python3
"""The plugin's cost as SpotBugs' own profiler measures it inside each run, for scripts/benchmark.sh.

Usage: profile-share.py PLUGIN_JAR PREFIX RUNS  (reads PREFIX-with-N.log and PREFIX-without-N.log, N < RUNS)

SpotBugs times every detector and analysis factory it calls (edu.umd.cs.findbugs.log.Profiler) and prints the
table at the end of a run run with -Dprofiler.report=true: milliseconds, calls, microseconds per call, simple
class name, for each class above 10 ms. The times are exclusive: while a detector waits for a CFG or a dataflow
the factory's clock runs, not the detector's. Two figures come from it:

- the share of the profiled time the plugin's own detectors took, within one run. Both parts of the ratio come
  from the same run, so the run-to-run noise of a shared machine (10-20 % between pairs) mostly cancels;
- how many CFGs, dataflows and parsed classes SpotBugs built with the plugin and without it. These counts are
  the same in every run: their difference is the analyses built again for the plugin's callee summaries
  (SpotBugs keeps the analyses of the 10 most recently visited classes only).
"""
import re
import statistics
import sys
import zipfile

plugin, prefix, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

# The plugin's detectors by simple name, as the profile names them: every <Detector class="..."> it declares.
with zipfile.ZipFile(plugin) as jar:
    declared = jar.read("findbugs.xml").decode("utf-8")
ours = {name.rsplit(".", 1)[-1] for name in re.findall(r'<Detector\s[^>]*class="([^"]+)"', declared)}

ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s*$")


def profile(log):
    """{simple class name: (milliseconds, calls)} from the PROFILE REPORT at the end of a log."""
    rows, inside = {}, False
    for line in open(log, encoding="utf-8", errors="replace"):
        if line.startswith("PROFILE REPORT"):
            rows, inside = {}, True
            continue
        match = ROW.match(line) if inside else None
        if match:
            rows[match.group(4)] = (int(match.group(1)), int(match.group(2)))
    return rows


with_runs = [profile(f"{prefix}-with-{i}.log") for i in range(runs)]
without_runs = [profile(f"{prefix}-without-{i}.log") for i in range(runs)]
if not all(with_runs) or not all(without_runs):
    sys.exit(print("  SpotBugs' profile: not in the logs (run without -Dprofiler.report=true?)"))

shares, own = [], []
for rows in with_runs:
    total = sum(ms for ms, _ in rows.values())
    mine = sum(ms for name, (ms, _) in rows.items() if name in ours)
    shares.append(100.0 * mine / max(total, 1))
    own.append(mine)
print(f"  SpotBugs' profile, within each run: the plugin's detectors took {statistics.median(own) / 1000:.1f} s, "
      f"{statistics.median(shares):.1f} % of the time SpotBugs profiled (runs {min(shares):.1f} to {max(shares):.1f} %; "
      "not counting the CFGs and dataflows they asked SpotBugs for)")

FACTORIES = (("CFGs", "CFGFactory"), ("value-number dataflows", "ValueNumberDataflowFactory"),
             ("type dataflows", "TypeDataflowFactory"), ("constant dataflows", "ConstantDataflowFactory"),
             ("classes parsed", "JavaClassAnalysisEngine"))
built = []
for label, factory in FACTORIES:
    without = without_runs[0].get(factory, (0, 0))[1]
    with_plugin = with_runs[0].get(factory, (0, 0))[1]
    built.append(f"{label} {without} -> {with_plugin} ({100.0 * (with_plugin - without) / max(without, 1):+.1f} %)")
print("  analyses SpotBugs built, without -> with the plugin (the same in every run): " + ", ".join(built))
