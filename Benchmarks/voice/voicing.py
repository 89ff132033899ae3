#!/usr/bin/env python3
"""Why FaceValue's F0 spread and slope functionals disagree with openSMILE's: a frame-level
comparison of the two F0 contours on EmoDB (run after compare.py, which writes the manifest
and openSMILE's functionals into --work).

    (cd Benchmarks && swift build -c release --product f0-frames)
    python3 Benchmarks/voice/voicing.py        # from the repository root
    python3 Benchmarks/voice/voicing.py --shs  # the SubharmonicSummationTracker contour instead

It reads FaceValue's smoothed semitone contour per 10-ms frame (Benchmarks f0-frames) and
openSMILE eGeMAPSv02's `F0semitoneFrom27.5Hz_sma3nz` low-level descriptor, aligns the two
frame grids (the lag with the best voicing agreement), and reports how often they agree on
voicing, how close the values are on frames both call voiced, and then the decisive test:
openSMILE's *own* contour restricted to the frames FaceValue calls voiced, summarised by
openSMILE's own functionals (cv and range with numpy, slopes through
scripts/golden/opensmile_peaks2.conf), correlated with openSMILE's full output. If that
correlation is low, no F0 values on FaceValue's voiced frames could reach it: the gap is
in the voicing decisions, not in the F0 estimates or the functionals.
"""
import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import opensmile
import soundfile as sf

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PREFIX = "F0semitoneFrom27.5Hz_sma3nz_"


def read_ours(path):
    contours = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            contours.setdefault(row["id"], []).append(float(row["semitone"]) if row["semitone"] else np.nan)
    return {k: np.array(v) for k, v in contours.items()}


def pearson(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    keep = np.isfinite(a) & np.isfinite(b)
    return float(np.corrcoef(a[keep], b[keep])[0, 1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/facevalue-voice-compare")
    parser.add_argument("--frames-binary", default=str(ROOT / "Benchmarks/.build/release/f0-frames"))
    parser.add_argument("--shs", action="store_true", help="compare SubharmonicSummationTracker, not YIN")
    args = parser.parse_args()
    work = Path(args.work)
    manifest = work / "manifest.csv"
    if not (work / "opensmile.csv").exists():
        sys.exit(f"{work} has no opensmile.csv: run Benchmarks/voice/compare.py first")
    frames = work / ("f0-frames-shs.csv" if args.shs else "f0-frames.csv")
    subprocess.run([args.frames_binary] + (["--shs", "--native"] if args.shs else []) + [str(manifest), str(frames)], check=True)
    ours = read_ours(frames)
    with open(work / "opensmile.csv") as f:
        full = {r["id"]: r for r in csv.DictReader(f)}
    with open(manifest) as f:
        audio = {r["id"]: r["audio"] for r in csv.DictReader(f)}

    cache = work / "opensmile-f0-lld.npz"  # openSMILE's contours, computed once per work directory
    if cache.exists():
        theirs = dict(np.load(cache))
    else:
        lld = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02,
                              feature_level=opensmile.FeatureLevel.LowLevelDescriptors)
        theirs = {k: lld.process_file(audio[k])["F0semitoneFrom27.5Hz_sma3nz"].to_numpy() for k in audio}
        np.savez(cache, **theirs)
    theirs = {k: theirs[k] for k in ours}

    def aligned(k, lag):  # our frame i against their frame i + lag
        a, b = ours[k], theirs[k]
        i = np.arange(max(0, -lag), min(len(a), len(b) - lag))
        return a[i], b[i + lag]

    def voicing_agreement(lag):
        pairs = [aligned(k, lag) for k in ours]
        return np.mean(np.concatenate([~np.isnan(a) == (b > 0) for a, b in pairs]))

    lag = max(range(-6, 7), key=voicing_agreement)
    pairs = {k: aligned(k, lag) for k in ours}
    only_ours = sum(int(np.sum(~np.isnan(a) & (b <= 0))) for a, b in pairs.values())
    only_theirs = sum(int(np.sum(np.isnan(a) & (b > 0))) for a, b in pairs.values())
    both = sum(int(np.sum(~np.isnan(a) & (b > 0))) for a, b in pairs.values())
    gaps = np.abs(np.concatenate([a[~np.isnan(a) & (b > 0)] - b[~np.isnan(a) & (b > 0)] for a, b in pairs.values()]))

    # openSMILE's contour on our voiced frames, through openSMILE's own Peaks2 for the slopes.
    slopes = opensmile.Smile(feature_set=str(ROOT / "scripts/golden/opensmile_peaks2.conf"), feature_level="func")
    restricted = {}
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "contour.wav"
        for k, (a, b) in pairs.items():
            v = b[~np.isnan(a) & (b > 0)]
            if len(v) < 3:
                continue
            sf.write(wav, (v / 128).astype(np.float32), 100, subtype="FLOAT")
            row = slopes.process_file(str(wav)).iloc[0]
            p20, p80 = np.percentile(v, [20, 80])
            restricted[k] = {"stddevNorm": v.std() / v.mean(), "pctlrange0-2": p80 - p20,
                             "meanRisingSlope": row["pcm_meanRisingSlope"] * 128,
                             "meanFallingSlope": row["pcm_meanFallingSlope"] * 128}
    ids = sorted(restricted)
    print(f"{len(ours)} files; frame lag {lag} (our frame i = their frame i{lag:+d}); voicing agreement "
          f"{voicing_agreement(lag):.1%}")
    print(f"voiced frames: both {both}, openSMILE only {only_theirs}, FaceValue only {only_ours}")
    print(f"|semitone difference| on frames both call voiced: median {np.median(gaps):.2f}, "
          f"90th pct {np.percentile(gaps, 90):.2f}, share > 6 st (octave-like) {np.mean(gaps > 6):.1%}")
    print("\n| functional | openSMILE on FaceValue's voiced frames vs openSMILE full: r |")
    print("|---|---:|")
    for name in ["stddevNorm", "pctlrange0-2", "meanRisingSlope", "meanFallingSlope"]:
        r = pearson([restricted[k][name] for k in ids], [float(full[k][PREFIX + name]) for k in ids])
        print(f"| `{PREFIX}{name}` | {r:.3f} |")


if __name__ == "__main__":
    main()
