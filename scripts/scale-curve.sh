#!/usr/bin/env bash
# The scale curve of docs/BENCHMARKS.md: cold load, warm first frame, warm
# search and peak memory at several sizes, with fzf --filter beside wsis.
#
# Usage: scripts/scale-curve.sh WORKDIR [SIZES...]   (default: 1000 10000 100000)
# A size of 1000000 is made as ten files of 100 000 items.
# Needs a release build (`cargo build --release --bins --examples`),
# hyperfine, fzf and GNU time. Runs are few: the machine is shared.
# Where a cold load spends its time and memory: WSIS_TRACE_LOAD=1 wsis --no-cache ...
set -euo pipefail

work=${1:?usage: scale-curve.sh WORKDIR [SIZES...]}
shift
sizes=("$@")
[ $# -eq 0 ] && sizes=(1000 10000 100000)
repo=$(cd "$(dirname "$0")/.." && pwd)
wsis=$repo/target/release/wsis
synth=$repo/target/release/examples/synth
queries=("70/125" "digital compact" "who e-health" "internet governance" "igf")
mkdir -p "$work"
cd "$work"
export XDG_CACHE_HOME=$work/cache

# The data files of one size, made once and dated an hour back (files
# changed within the last 2 s are not cached).
data_args() {
  local n=$1 args=()
  if [ "$n" -ge 1000000 ]; then
    for i in $(seq 0 $((n / 100000 - 1))); do
      [ -f "m$i.ron" ] || "$synth" 100000 $((i * 100000)) > "m$i.ron"
      args+=(--data "m$i.ron")
    done
  else
    [ -f "s$n.ron" ] || "$synth" "$n" > "s$n.ron"
    args+=(--data "s$n.ron")
  fi
  touch -d '1 hour ago' ./*.ron
  echo "${args[@]}"
}

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

for n in "${sizes[@]}"; do
  data=$(data_args "$n")
  runs=5; [ "$n" -ge 1000000 ] && runs=2
  echo "== $n items ($data)"
  # shellcheck disable=SC2086
  "$wsis" --no-user-data $data list > "lines$n.txt"
  echo "-- cold load (list, --no-cache) and warm load (list, cached)"
  hyperfine -N -w 1 -r "$runs" \
    "$wsis --no-user-data --no-cache $data list" \
    "$wsis --no-user-data $data list" 2>&1 | grep -E "Time|Benchmark"
  echo "-- peak memory, kB: cold list, warm list, cold search, warm search, fzf"
  # shellcheck disable=SC2086
  echo "$(peak_kb "$wsis" --no-user-data --no-cache $data list) $(peak_kb "$wsis" --no-user-data $data list)" \
    "$(peak_kb "$wsis" --no-user-data --no-cache $data search 'digital compact')" \
    "$(peak_kb "$wsis" --no-user-data $data search 'digital compact')" \
    "$(peak_kb sh -c "fzf --filter 'digital compact' < lines$n.txt")"
  echo "-- warm first frame"
  # shellcheck disable=SC2086
  python3 "$repo/scripts/first-frame.py" "$wsis" "$([ "$n" -ge 1000000 ] && echo 3 || echo 10)" $data
  for q in "${queries[@]}"; do
    echo "-- search '$q': wsis warm, wsis cold, fzf"
    hyperfine -i -w 1 -r "$runs" \
      "$wsis --no-user-data $data search '$q'" \
      "$wsis --no-user-data --no-cache $data search '$q'" \
      "fzf --filter '$q' < lines$n.txt" 2>&1 | grep -E "Time|Benchmark"
  done
done
