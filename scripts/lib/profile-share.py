#!/usr/bin/env python3
"""The plugin's cost as SpotBugs' own profiler measures it inside each run, for scripts/benchmark.sh.

Usage: profile-share.py PLUGIN_JAR PREFIX RUNS  (reads PREFIX-with-N.log and PREFIX-without-N.log, N < RUNS)

SpotBugs times each detector's visit of each class and each analysis factory it calls
(edu.umd.cs.findbugs.log.Profiler), on the analysis thread's clock, and with -Dprofiler.report=true prints the
table when the run ends: milliseconds, calls, microseconds per call and simple class name of every class above
10 ms. The times are exclusive: while a detector waits for a CFG or a dataflow, the factory's clock runs, not
the detector's. A detector's finishPass() and report() are not timed (they count as FindBugs2's own). Two
figures come from it:

- the share of the profiled time the plugin's detectors took in their class visits, within one run. Both
  parts of the ratio come from the same run, so the run-to-run noise of a shared machine (10-20 % between
  pairs) mostly cancels;
- how many CFGs, dataflows and parsed classes SpotBugs built with the plugin and without it. These counts do
  not depend on timing; their difference is what the plugin's requests cost SpotBugs: analyses of callees
  built for a summary while SpotBugs visits another class (and built again at their own visit, or after
  SpotBugs dropped them: it keeps the ClassContexts, which hold the methods' analyses, of the 10 classes used
  last, and 3,000 parsed classes), and analyses no other detector asks for.
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
    """{simple class name: [milliseconds, calls]} from the PROFILE REPORT at the end of a log (same names summed)."""
    rows, inside = {}, False
    for line in open(log, encoding="utf-8", errors="replace"):
        if line.startswith("PROFILE REPORT"):
            rows, inside = {}, True
            continue
        match = ROW.match(line) if inside else None
        if match:
            row = rows.setdefault(match.group(4), [0, 0])
            row[0] += int(match.group(1))
            row[1] += int(match.group(2))
    return rows


with_runs = [profile(f"{prefix}-with-{i}.log") for i in range(runs)]
without_runs = [profile(f"{prefix}-without-{i}.log") for i in range(runs)]
if not with_runs or not all(with_runs) or not all(without_runs):
    print("  SpotBugs' profile: not in the logs (a run without -Dprofiler.report=true?)")
    sys.exit(0)

shares, own = [], []
for rows in with_runs:
    total = sum(ms for ms, _ in rows.values())
    mine = sum(ms for name, (ms, _) in rows.items() if name in ours)
    shares.append(100.0 * mine / max(total, 1))
    own.append(mine)
print(f"  SpotBugs' profile, within each run: the plugin's detectors' class visits took a median "
      f"{statistics.median(own) / 1000:.1f} s, {statistics.median(shares):.1f} % of the time SpotBugs profiled "
      f"(runs {min(shares):.1f} to {max(shares):.1f} %); not counted: the CFGs and dataflows they asked SpotBugs "
      "for, their work when the analysis ends, and detectors under 10 ms")

FACTORIES = (("CFGs", "CFGFactory"), ("value-number dataflows", "ValueNumberDataflowFactory"),
             ("type dataflows", "TypeDataflowFactory"), ("constant dataflows", "ConstantDataflowFactory"),
             ("classes parsed", "JavaClassAnalysisEngine"))


def calls(rows, factory):
    return rows.get(factory, (0, 0))[1]


built = []
for label, factory in FACTORIES:
    without, with_plugin = calls(without_runs[0], factory), calls(with_runs[0], factory)
    built.append(f"{label} {without} -> {with_plugin} ({100.0 * (with_plugin - without) / max(without, 1):+.1f} %)")
steady = all(calls(rows, factory) == calls(side[0], factory)
             for side in (with_runs, without_runs) for rows in side for _, factory in FACTORIES)
print("  analyses SpotBugs built, without -> with the plugin: " + ", ".join(built)
      + ("" if steady else " (WARNING: the counts differ between runs; these are the first run's)"))
