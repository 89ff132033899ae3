#!/usr/bin/env bash
# `facevalue track` against the Python dlib pipeline (scripts/golden/dlib_tracker.py bench)
# on the same videos, both pinned to one core (taskset -c 0), alternating, ROUNDS rounds
# (default 3). Each command is timed whole (process start, model loading, decoding,
# detection, fitting, and for FaceValue writing the CSVs) by /usr/bin/time -v: wall time,
# CPU time (user + system; on a loaded machine the fairer figure, since wall time then
# measures the other processes too), frames per wall and per CPU second, peak resident memory.
#   Benchmarks/tracker/compare.sh PYTHON [ROUNDS] [COPIES]
# PYTHON is the venv interpreter with dlib, PyAV and OpenCV (see scripts/golden/dlib_tracker.py);
# the videos are COPIES (default 4) copies of the six CREMA-D clips of Tests/Media/cache
# (480x360, 30 frames/s; run scripts/fetch-test-media and scripts/build first). FACEVALUE
# names another facevalue binary (default .build/release/facevalue).
set -euo pipefail
cd "$(dirname "$0")/../.."
python=$1 rounds=${2:-3} copies=${3:-4} facevalue=${FACEVALUE:-.build/release/facevalue}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
for c in $(seq 1 "$copies"); do
  for f in Tests/Media/cache/1001_DFA_*_XX.flv; do ln -s "$PWD/$f" "$work/in/c${c}_$(basename "$f")"; done
done
frames=$("$python" scripts/golden/dlib_tracker.py count "$work"/in/*.flv)
measure() {  # label command...: prints label, wall and CPU seconds, frames/s of each, peak RSS MB
  local label=$1
  shift
  /usr/bin/time -v -o "$work/time" taskset -c 0 "$@" >/dev/null
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
  awk -v l="$label" -v w="$wall" -v c="$cpu" -v f="$frames" -v r="$rss" \
    'BEGIN {printf "%-12s wall %7.2f s (%6.1f frames/s)  CPU %7.2f s (%6.1f frames/s)  peak %4d MB\n", l, w, f / w, c, f / c, r}'
}
echo "$frames frames in $((6 * copies)) videos; $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  rm -rf "$work/out"
  measure facevalue "$facevalue" track "$work/in" --out "$work/out"
  measure python-dlib "$python" scripts/golden/dlib_tracker.py bench "$work"/in/*.flv
done
