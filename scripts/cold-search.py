#!/usr/bin/env python3
"""Cold `wsis search` of one or more builds beside `fzf --filter`, alternated.

    scripts/cold-search.py ROUNDS QUERY DATA.ron LINES.txt WSIS [WSIS ...]

Each round runs every WSIS binary once with `--no-cache` on DATA.ron (an
empty cache directory each time), then fzf over LINES.txt (the `wsis list`
lines of the same items: `wsis --no-user-data --data DATA.ron list >
LINES.txt`). Alternating keeps a busy machine's swings out of the
comparison. Prints per program the median wall time (timed here to the
millisecond: `/usr/bin/time` gives hundredths of a second, a tenth of
fzf's time; the time includes starting `/usr/bin/time`, about a
millisecond, for every program alike), user+system CPU, the highest peak memory and the median of
minor page faults (GNU `/usr/bin/time`), and the ratio of each median to
fzf's. The same binary given twice is measured as two programs. Used for
the "cold ≤ 3× fzf" figures of docs/BENCHMARKS.md.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TIME_FORMAT = "%e %U %S %M %R"


def timed(command, env=None, stdin=None):
    """(wall s, CPU s, peak MB, minor faults) of one run of `command`."""
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", TIME_FORMAT] + command, stdin=stdin,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    wall = time.perf_counter() - start
    _, user, system, peak_kb, faults = run.stderr.decode().strip().splitlines()[-1].split()
    return wall, float(user) + float(system), int(peak_kb) // 1024, int(faults)


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    rounds, query, data, lines, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    names = [binary if binaries.index(binary) == at else f"{binary} #{at + 1}" for at, binary in enumerate(binaries)]
    runs = {name: [] for name in names + ["fzf"]}
    loads = []
    for _ in range(rounds):
        for name, binary in zip(names, binaries):
            cache = tempfile.mkdtemp()
            env = dict(os.environ, XDG_CACHE_HOME=cache)
            command = [binary, "--no-user-data", "--no-cache", "--data", data, "search", query]
            runs[name].append(timed(command, env))
            shutil.rmtree(cache)
        with open(lines, "rb") as text:
            runs["fzf"].append(timed(["fzf", "--filter", query], stdin=text))
        loads.append(float(open("/proc/loadavg").read().split()[0]))
    fzf = statistics.median(run[0] for run in runs["fzf"])
    for name, done in runs.items():
        wall = statistics.median(run[0] for run in done)
        cpu = statistics.median(run[1] for run in done)
        peak = max(run[2] for run in done)
        faults = statistics.median(run[3] for run in done)
        print(f"{name:30s} wall {wall:.3f} s  cpu {cpu:.3f} s  peak {peak} MB  faults {faults:.0f}  {wall / fzf:.2f}x fzf")
    print(f"load average {min(loads)}-{max(loads)}")


if __name__ == "__main__":
    main()
