#!/usr/bin/env python3
"""`wsis export` warm and cold, of one or more builds, alternated.

    scripts/export-bench.py ROUNDS FORMAT DATA.ron WSIS [WSIS ...]

Each binary gets its own empty cache directory, filled once by a `list`
(so its warm runs read the stored dataset). Each round runs every binary
warm, then cold (`--no-cache`), output to /dev/null. Prints per binary
and mode the median wall time, the fastest, and the highest peak memory
(GNU `/usr/bin/time`). Used for the export figures of docs/BENCHMARKS.md.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(command, env):
    """(wall s, peak MB) of one run of `command`."""
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    return wall, int(run.stderr.decode().split()[-1]) // 1024


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    rounds, fmt, data, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    caches = {binary: tempfile.mkdtemp() for binary in binaries}
    envs = {binary: dict(os.environ, XDG_CACHE_HOME=caches[binary]) for binary in binaries}
    for binary in binaries:
        subprocess.run([binary, "--no-user-data", "--data", data, "list"], env=envs[binary],
                       stdout=subprocess.DEVNULL, check=True)
    runs = {}
    for _ in range(rounds):
        for binary in binaries:
            for mode, flags in (("warm", []), ("cold", ["--no-cache"])):
                command = [binary, "--no-user-data"] + flags + ["--data", data, "export", "--format", fmt]
                runs.setdefault((binary, mode), []).append(timed(command, envs[binary]))
    for (binary, mode), done in runs.items():
        wall = statistics.median(run[0] for run in done)
        print(f"{binary:30s} {mode} wall {wall:.3f} s (fastest {min(run[0] for run in done):.3f} s)"
              f"  peak {max(run[1] for run in done)} MB")
    for cache in caches.values():
        shutil.rmtree(cache)


if __name__ == "__main__":
    main()
