#!/usr/bin/env python3
"""Reference extractors for the voice comparison (called by compare.py, one tool per run,
so that /usr/bin/time measures each tool alone).

    peers.py TOOL MANIFEST OUT.csv [--jobs N]

TOOL is one of:
  opensmile   openSMILE eGeMAPSv02 functionals (audEERING's opensmile-python)
  librosa     MFCC 1-13 means with the parameters FaceValue's `mfcc` set uses
  praat-f0    Praat's To Pitch (ac) 75-600 Hz, mean F0 of voiced frames (parselmouth)
  praat-rate  de Jong & Wempe (2009) syllable nuclei speech rate, ported to parselmouth
"""
import argparse
import csv
import math
import multiprocessing as mp
import sys

import numpy as np


def opensmile_features(path):
    import opensmile
    global _SMILE
    if "_SMILE" not in globals():
        _SMILE = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02,
                                 feature_level=opensmile.FeatureLevel.Functionals)
    row = _SMILE.process_file(path).iloc[0]
    return {k: float(v) for k, v in row.items()}


def librosa_features(path):
    import librosa
    # Matched to FaceValue: 16 kHz, 25 ms Hann window, 10 ms hop, 512-point FFT, no
    # centring, 40 Slaney mel bands 0-8 kHz, dB with top_db 80, orthonormal DCT-II.
    y, sr = librosa.load(path, sr=16000)
    m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=14, n_fft=512, win_length=400, hop_length=160,
                             window="hann", center=False, n_mels=40, fmin=0, fmax=8000)
    return {f"mfcc{k}_mean": float(m[k].mean()) for k in range(1, 14)}


def praat_f0(path):
    import parselmouth
    pitch = parselmouth.Sound(path).to_pitch(pitch_floor=75, pitch_ceiling=600)
    f = pitch.selected_array["frequency"]
    f = f[f > 0]
    if not len(f):
        return {k: float("nan") for k in ["f0_hz_mean", "f0_semitone_mean", "f0_semitone_cv", "f0_semitone_p20",
                                          "f0_semitone_p50", "f0_semitone_p80", "f0_semitone_range20_80"]}
    st = 12 * np.log2(f / 27.5)
    p20, p50, p80 = np.percentile(st, [20, 50, 80])
    return {"f0_hz_mean": float(f.mean()), "f0_semitone_mean": float(st.mean()),
            "f0_semitone_cv": float(st.std() / st.mean()), "f0_semitone_p20": float(p20),
            "f0_semitone_p50": float(p50), "f0_semitone_p80": float(p80), "f0_semitone_range20_80": float(p80 - p20)}


def praat_rate(path):
    """de Jong & Wempe (2009) 'Praat script to detect syllable nuclei', version 2, ported."""
    import parselmouth
    from parselmouth.praat import call
    silencedb, mindip, minpause = -25, 2, 0.3
    snd = parselmouth.Sound(path)
    duration = snd.get_total_duration()
    intensity = snd.to_intensity(50)
    min_i = call(intensity, "Get minimum", 0, 0, "Parabolic")
    max_i = call(intensity, "Get maximum", 0, 0, "Parabolic")
    max99 = call(intensity, "Get quantile", 0, 0, 0.99)
    threshold = max(max99 + silencedb, min_i)
    threshold3 = silencedb - (max_i - max99)
    grid = call(intensity, "To TextGrid (silences)", threshold3, minpause, 0.1, "silent", "sounding")
    table = call(call(grid, "Extract tier", 1), "Down to TableOfReal", "sounding")
    sounding = call(table, "Get number of rows")
    speaking = sum(call(table, "Get value", i, 2) - call(table, "Get value", i, 1) for i in range(1, sounding + 1))
    curve = call(call(intensity, "Down to Matrix"), "To Sound (slice)", 1)
    points = call(curve, "To PointProcess (extrema)", "Left", "yes", "no", "Sinc70")
    times = [call(points, "Get time from index", i) for i in range(1, call(points, "Get number of points") + 1)]
    peaks = [(t, v) for t in times if (v := call(curve, "Get value at time", t, "Cubic")) > threshold]
    valid = []
    for p in range(len(peaks) - 1):
        t, v = peaks[p]
        dip = call(intensity, "Get minimum", t, peaks[p + 1][0], "None")
        if abs(call(intensity, "Get value at time", t, "Cubic") - dip) > mindip:
            valid.append(t)
    pitch = call(snd, "To Pitch (ac)", 0.02, 30, 4, "no", 0.03, 0.25, 0.01, 0.35, 0.25, 450)
    voiced = 0
    for t in valid:
        label = call(grid, "Get label of interval", 1, call(grid, "Get interval at time", 1, t))
        if not math.isnan(call(pitch, "Get value at time", t, "Hertz", "Linear")) and label == "sounding":
            voiced += 1
    return {"speech_rate": voiced / duration, "articulation_rate": voiced / speaking if speaking else 0,
            "pause_count": max(0, sounding - 1)}


TOOLS = {"opensmile": opensmile_features, "librosa": librosa_features,
         "praat-f0": praat_f0, "praat-rate": praat_rate}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tool", choices=TOOLS)
    parser.add_argument("manifest")
    parser.add_argument("out")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with open(args.manifest) as f:
        rows = list(csv.DictReader(f))
    paths = [r["audio"] for r in rows]
    if args.jobs > 1:
        with mp.Pool(args.jobs) as pool:
            results = pool.map(TOOLS[args.tool], paths, chunksize=4)
    else:
        results = [TOOLS[args.tool](p) for p in paths]
    names = list(results[0])
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id"] + names)
        for r, values in zip(rows, results):
            w.writerow([r["id"]] + [repr(values[n]) for n in names])
    print(f"{args.tool}: {len(rows)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
