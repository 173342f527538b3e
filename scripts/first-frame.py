#!/usr/bin/env python3
"""Whole-process start-up: spawn `wsis` in a pseudo-terminal and time until
its first frame (the hint bar) has been written, then quit it.

Usage: scripts/first-frame.py [BINARY] [RUNS] [WSIS ARGS...]
(for example `--data big.ron`). The loading screen of a slow load does not
count: only the browser's own hint bar ends the clock.
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/wsis"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
extra = sys.argv[3:]
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execv(binary, [binary, "--no-user-data", *extra])
    seen = b""
    while b"quit" not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            sys.exit(f"no frame within 60 s; output so far: {seen[-300:]!r}")
        seen += os.read(fd, 65536)
    times.append(time.perf_counter() - start)
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
times.sort()
print(f"runs={runs} median={statistics.median(times)*1000:.1f} ms "
      f"min={times[0]*1000:.1f} ms max={times[-1]*1000:.1f} ms")
