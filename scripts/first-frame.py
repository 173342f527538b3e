#!/usr/bin/env python3
"""Whole-process start-up: spawn `wsis` in a pseudo-terminal and time
(1) its first frame: the browser's own hint bar ("quit") has been
    written. On a warm start that is the preview, drawn from the dataset
    cache's small preview section while the whole dataset decodes (the
    status line says "loading N items…"); keys typed then are kept.
    The loading screen of a slow load does not count (it has no hint bar).
(2) interactive: `?` is typed the moment the first frame is seen, and the
    clock stops when the help overlay it opens is drawn, which happens only
    once the whole dataset is loaded and the kept key applied.
Then quits with Ctrl-C.

Usage: scripts/first-frame.py [BINARY] [RUNS] [WSIS ARGS...]
(for example `--data big.ron`).
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

FIRST_FRAME = b"quit"
# The help overlay's title ("Keys — q, ? or Esc closes").
HELP = b"closes"

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/wsis"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
extra = sys.argv[3:]


def wait_for(fd, marker, seen):
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            sys.exit(f"no {marker!r} within 60 s; output so far: {seen[-300:]!r}")
        seen += os.read(fd, 65536)
    return seen


firsts, interactives, previews = [], [], 0
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execv(binary, [binary, "--no-user-data", *extra])
    seen = wait_for(fd, FIRST_FRAME, b"")
    firsts.append(time.perf_counter() - start)
    previews += "items…".encode() in seen
    os.write(fd, b"?")
    # Only what is written after the key counts.
    wait_for(fd, HELP, seen[seen.index(FIRST_FRAME):].replace(HELP, b""))
    interactives.append(time.perf_counter() - start)
    os.write(fd, b"\x03")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)


def summary(name, times):
    times.sort()
    return (f"{name}: median={statistics.median(times)*1000:.1f} ms "
            f"min={times[0]*1000:.1f} ms max={times[-1]*1000:.1f} ms")


print(f"runs={runs} (first frame was the preview in {previews})")
print(summary("first frame", firsts))
print(summary("interactive", interactives))
