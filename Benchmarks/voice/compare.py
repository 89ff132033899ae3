#!/usr/bin/env python3
"""FaceValue's voice features against openSMILE, Praat and librosa on EmoDB: per-file
correlations, throughput ratios and peak memory, in one run on the same files.

    pip install -r Benchmarks/voice/requirements.txt
    scripts/build
    python3 Benchmarks/voice/compare.py            # from the repository root

Writes Benchmarks/voice/results.md (the table docs/voice-features.md quotes) and keeps the raw CSVs
in --work. Every tool runs as its own command under /usr/bin/time -v; the Python peers
run with --jobs worker processes (default: all cores), the same parallelism FaceValue's
extractor uses, and with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from their
environment (set on some machines, they slow numpy down).
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def write_manifest(dataset, out):
    with open(dataset / "files.csv") as f:
        rows = list(csv.DictReader(f))
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "subject", "label", "sex", "age", "truncated", "audio"])
        for r in rows:
            w.writerow([r["file"][:-4], r["speaker"], r["emotion"], r["sex"], r["age"],
                        r["truncated_in_this_copy"], str((dataset / "wav" / r["file"]).resolve())])
    return rows


def timed(command, env=None):
    """Runs command under /usr/bin/time -v; returns (wall s, CPU s = user + system, peak RSS in MB).
    Wall time comes from time.perf_counter around the run (time -v prints only hundredths,
    too coarse for a 0.1 s command: 0.11 and 0.12 s would be 21x and 19x the same peer);
    it includes /usr/bin/time's own start, about a millisecond, for every tool alike."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", result.stderr).group(1)) for kind in ("User", "System"))
    return seconds, cpu, rss


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {r["id"]: r for r in rows}


def pearson(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    keep = np.isfinite(a) & np.isfinite(b)
    return float(np.corrcoef(a[keep], b[keep])[0, 1]), int(keep.sum())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default=str(ROOT.parent / "shared/datasets/emodb"))
    parser.add_argument("--binary", default=str(ROOT / ".build/release/facevalue"))
    parser.add_argument("--work", default="/tmp/facevalue-voice-compare")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--repeat", type=int, default=3, help="time the four speed commands this often, keep the fastest")
    parser.add_argument("--reuse-peers", action="store_true", help="keep the peers' CSVs from an earlier run (no peer timing)")
    args = parser.parse_args()
    dataset, work = Path(args.dataset), Path(args.work)
    if not (dataset / "files.csv").exists():
        sys.exit(f"{dataset} has no files.csv; pass --dataset pointing at the EmoDB copy (see its SOURCE.md)")
    work.mkdir(parents=True, exist_ok=True)
    manifest = work / "manifest.csv"
    rows = write_manifest(dataset, manifest)
    for r in rows:  # warm the page cache so no tool pays the first read
        (dataset / "wav" / r["file"]).read_bytes()
    peer_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    peer_env["OMP_NUM_THREADS"] = peer_env["OPENBLAS_NUM_THREADS"] = "1"  # one thread per worker process

    def fastest(command, env=None, runs=1):
        # Other jobs on a shared machine only ever slow a run down, so the fastest of a few
        # runs is the best estimate of each tool's own cost (wall and CPU of that run).
        return min((timed(command, env) for _ in range(runs)), key=lambda t: t[0])

    timings = {}
    for name in ["egemaps-like", "mfcc", "prosody"]:
        timings[name] = fastest([args.binary, "features", "--set", name, "--manifest", str(manifest),
                                 "--out", str(work / f"{name}.csv")], runs=args.repeat if name != "prosody" else 1)
    for tool in ["opensmile", "librosa", "praat-f0", "praat-rate"]:
        if args.reuse_peers and (work / f"{tool}.csv").exists():
            timings[tool] = (float("nan"),) * 3
            continue
        timings[tool] = fastest([sys.executable, str(HERE / "peers.py"), tool, str(manifest),
                                 str(work / f"{tool}.csv"), "--jobs", str(args.jobs)], env=peer_env,
                                runs=args.repeat if tool in ("opensmile", "librosa") else 1)

    ours = {name: read(work / f"{name}.csv") for name in ["egemaps-like", "mfcc"]}
    peers = {tool: read(work / f"{tool}.csv") for tool in ["opensmile", "librosa", "praat-f0", "praat-rate"]}
    untruncated = {r["file"][:-4] for r in rows if r["truncated_in_this_copy"] == "no"}

    def row(label, mine_set, mine, peer, theirs, target, ids=None):
        ids = sorted(set(ours[mine_set]) & set(peers[peer]) & (ids or set(ours[mine_set])))
        r, n = pearson([float(ours[mine_set][i][mine]) for i in ids], [float(peers[peer][i][theirs]) for i in ids])
        verdict = "" if target is None else ("pass" if r >= target else "**fail**")
        # How well two reference tools agree on the same quantity bounds what any tool can reach.
        between = ""
        if peer == "opensmile" and mine.startswith("f0_semitone") and mine in peers["praat-f0"][ids[0]]:
            between = f"{pearson([float(peers['praat-f0'][i][mine]) for i in ids], [float(peers[peer][i][theirs]) for i in ids])[0]:.3f}"
        return (f"| {label} | `{mine}` | {peer} `{theirs}` | {n} | {r:.3f} | {'' if target is None else f'≥ {target}'} "
                f"| {verdict} | {between} |")

    lines = ["| quantity | FaceValue | reference | files | Pearson r | target | | Praat vs openSMILE r |",
             "|---|---|---|---:|---:|---:|---|---:|"]
    lines.append(row("F0 mean", "egemaps-like", "f0_hz_mean", "praat-f0", "f0_hz_mean", 0.95))
    for k in ["mean", "cv", "p20", "p50", "p80", "range20_80"]:
        lines.append(row(f"F0 semitone {k} (Praat)", "egemaps-like", f"f0_semitone_{k}", "praat-f0", f"f0_semitone_{k}", None))
    mfcc_rs = []
    for k in range(1, 14):
        line = row(f"MFCC {k} mean", "mfcc", f"mfcc{k}_mean", "librosa", f"mfcc{k}_mean", 0.99)
        mfcc_rs.append(float(line.split("|")[5]))
        lines.append(line)
    smile = "F0semitoneFrom27.5Hz_sma3nz_"
    for mine, theirs, target in [
        ("loudness_mean", "loudness_sma3_amean", 0.9), ("loudness_cv", "loudness_sma3_stddevNorm", 0.9),
        ("loudness_p20", "loudness_sma3_percentile20.0", 0.9), ("loudness_p50", "loudness_sma3_percentile50.0", 0.9),
        ("loudness_p80", "loudness_sma3_percentile80.0", 0.9), ("loudness_range20_80", "loudness_sma3_pctlrange0-2", 0.9),
        ("loudness_rise_mean", "loudness_sma3_meanRisingSlope", 0.9), ("loudness_fall_mean", "loudness_sma3_meanFallingSlope", 0.9),
        ("f0_semitone_mean", smile + "amean", 0.9), ("f0_semitone_cv", smile + "stddevNorm", 0.9),
        ("f0_semitone_p20", smile + "percentile20.0", 0.9), ("f0_semitone_p50", smile + "percentile50.0", 0.9),
        ("f0_semitone_p80", smile + "percentile80.0", 0.9), ("f0_semitone_range20_80", smile + "pctlrange0-2", 0.9),
        ("f0_semitone_rise_mean", smile + "meanRisingSlope", 0.9), ("f0_semitone_fall_mean", smile + "meanFallingSlope", 0.9),
        ("jitter_local", "jitterLocal_sma3nz_amean", None), ("shimmer_local", "shimmerLocaldB_sma3nz_amean", None),
        ("hnr_mean", "HNRdBACF_sma3nz_amean", None), ("alpha_ratio_mean", "alphaRatioV_sma3nz_amean", None),
        ("hammarberg_mean", "hammarbergIndexV_sma3nz_amean", None), ("slope_0_500_mean", "slopeV0-500_sma3nz_amean", None),
        ("slope_500_1500_mean", "slopeV500-1500_sma3nz_amean", None), ("spectral_flux_mean", "spectralFlux_sma3_amean", None),
        ("mfcc1_mean", "mfcc1V_sma3nz_amean", None), ("voiced_segment_mean", "MeanVoicedSegmentLengthSec", None),
        ("unvoiced_segment_mean", "MeanUnvoicedSegmentLength", None),
    ]:
        lines.append(row(mine.replace("_", " "), "egemaps-like", mine, "opensmile", theirs, target))
    lines.append(row("speech rate (untruncated)", "egemaps-like", "speech_rate", "praat-rate", "speech_rate", 0.8, untruncated))
    lines.append(row("articulation rate (untruncated)", "egemaps-like", "articulation_rate", "praat-rate", "articulation_rate", None, untruncated))
    lines.append(row("pause count (untruncated)", "egemaps-like", "pause_count", "praat-rate", "pause_count", None, untruncated))

    n = len(rows)
    def speed(mine, peer):
        (tm, cm, mm), (tp, cp, mp_) = timings[mine], timings[peer]
        return (f"| `{mine}` vs {peer} | {tm:.3f} s ({n / tm:.0f} files/s) | {tp:.2f} s ({n / tp:.1f} files/s) "
                f"| **{tp / tm:.1f}×** | {cm:.2f} s | {cp:.2f} s | **{cp / cm:.1f}×** | {mm:.0f} MB | {mp_:.0f} MB |")
    speed_lines = ["| comparison | FaceValue wall | peer wall | wall-time throughput ratio | FaceValue CPU | peer CPU | CPU-time ratio "
                   "| FaceValue peak RSS | peer peak RSS (largest process) |",
                   "|---|---:|---:|---:|---:|---:|---:|---:|---:|", speed("egemaps-like", "opensmile"), speed("mfcc", "librosa")]
    load = os.getloadavg()[0]
    report = "\n".join([
        f"EmoDB copy: {n} files (2 s, 22.05 kHz; {len(untruncated)} untruncated). Peers: {args.jobs} worker processes; "
        f"FaceValue: one process, {os.cpu_count()} threads. MFCC means: min r = {min(mfcc_rs):.3f} over 13 coefficients. "
        f"Speed: fastest of {args.repeat} runs of each command.",
        "", *lines, "", *speed_lines, "",
        f"Other wall times: prosody {timings['prosody'][0]:.2f} s, Praat F0 {timings['praat-f0'][0]:.2f} s, "
        f"Praat syllable nuclei {timings['praat-rate'][0]:.2f} s. Load average at the end: {load:.1f} on {os.cpu_count()} cores "
        "(wall times stretch when other jobs share the machine; CPU times much less).", ""])
    Path(args.out).write_text(report)
    print(report)


if __name__ == "__main__":
    main()
