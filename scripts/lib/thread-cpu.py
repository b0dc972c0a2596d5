#!/usr/bin/env python3
"""thread-cpu.py PID OUT: the CPU time of a JVM's threads, by kind, until the process ends (Linux /proc).

Writes "analysis jit gc other" in milliseconds to OUT. The kinds come from the names HotSpot gives its
threads: the JIT's compiler threads ("C1 CompilerThre", "C2 CompilerThre"), the collector's threads and the
VM thread, which also runs the other safepoint work ("GC Thread#0", "G1 Conc#0", "G1 Refine#0", "VM Thread",
...), and the thread that runs main(), which keeps the launcher's name "java" (SpotBugs analyses on it; the
launcher's own thread, also "java", only waits for it). HotSpot's own compile-time figure (-XX:+CITime) adds
up elapsed time, which grows when the compiler threads wait for a core: on a machine with fewer cores than
busy threads it is not CPU time. Each thread's last reading stands when it or the process ends, so up to one
interval of each thread's time is missed (the last half second of the analysis thread, mostly).
"""
import os
import sys
import time

INTERVAL = 0.5


def kind(name):
    if name.startswith(("C1 CompilerThre", "C2 CompilerThre")):
        return "jit"
    if name.startswith(("GC Thread", "G1 ", "VM Thread")):
        return "gc"
    return "analysis" if name == "java" else "other"


def read(pid, last):
    """Updates last (thread id -> (name, clock ticks)) from /proc; False once the process has ended."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return False
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended between the listing and the read: its last reading stands
        # "tid (name) state ...": the name may hold spaces and parentheses, so split at the last ")".
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] in "ZX":
            continue  # ended and not yet reaped: a dead leader's figures may be the whole process's
        last[tid] = (name, int(fields[11]) + int(fields[12]))  # utime + stime
    return True


def main():
    pid, out = sys.argv[1], sys.argv[2]
    last = {}
    while read(pid, last):
        time.sleep(INTERVAL)
    ticks = os.sysconf("SC_CLK_TCK")
    totals = {"analysis": 0, "jit": 0, "gc": 0, "other": 0}
    for name, used in last.values():
        totals[kind(name)] += used
    with open(out, "w") as f:
        f.write(" ".join(str(totals[k] * 1000 // ticks) for k in ("analysis", "jit", "gc", "other")) + "\n")


if __name__ == "__main__":
    main()
