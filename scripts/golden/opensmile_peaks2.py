#!/usr/bin/env python3
"""Writes openSMILE golden values for contour slopes (Tests/VoiceTests/Golden/peaks2.json).

Run from the repository root:
    pip install -r Benchmarks/voice/requirements.txt
    python3 scripts/golden/opensmile_peaks2.py

eGeMAPS' `meanRisingSlope`, `stddevRisingSlope`, `meanFallingSlope` and
`stddevFallingSlope` come from openSMILE's cFunctionalPeaks2 (relThresh 0.1, norm seconds).
To get its output for a contour we choose, each contour is written as a 100 Hz float WAV
(one sample = one 10 ms frame) and run through `opensmile_peaks2.conf`, which applies the
functionals directly to the samples with zeros dropped (nonZeroFuncts = 1, as eGeMAPS does
for F0). Contours are scaled by 1/128 to stay inside the WAV range (and on the 16-bit grid: the
reader quantises, which at 1/100 put 0.1 % errors into the slopes); slopes scale back
exactly (the threshold is relative to the contour's range). Values are multiples of 1/64,
exact in float32, so openSMILE's single precision only rounds the results.
"""
import json
import tempfile
from pathlib import Path

import numpy as np
import opensmile
import soundfile as sf

HERE = Path(__file__).resolve().parent
OUT = Path("Tests/VoiceTests/Golden/peaks2.json")
RATE = 100
SCALE = 128  # x / 128 with x a multiple of 1/64 lies on the 16-bit PCM grid, which openSMILE reads exactly


def contours():
    rng = np.random.default_rng(7)
    out = []
    for k in range(60):
        n = int(rng.integers(3, 220))
        kind = k % 4
        if kind == 0:    # random walk, F0-like in semitones
            x = 30 + np.cumsum(rng.normal(0, 0.6, n))
        elif kind == 1:  # walk with octave-like jumps
            x = 30 + np.cumsum(rng.normal(0, 0.4, n)) + 12 * (rng.random(n) < 0.05)
        elif kind == 2:  # smooth oscillation with plateaus (repeated values)
            x = 30 + 4 * np.sin(np.arange(n) / rng.uniform(2, 12)) + rng.normal(0, 0.3, n)
            x = np.round(x * 2) / 2
        else:            # loudness-like, positive and spiky
            x = np.abs(np.cumsum(rng.normal(0, 0.2, n))) + 0.1
        x = np.round(x * 64) / 64
        x[rng.random(n) < 0.15] = 0  # unvoiced frames
        if k == 0:
            x = np.full(n, 30.0)          # constant: no extrema
        if k == 1:
            x = np.linspace(25, 35, 4)    # too short for any extremum
        out.append(x)
    return out


def main():
    smile = opensmile.Smile(feature_set=str(HERE / "opensmile_peaks2.conf"), feature_level="func")
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "contour.wav"
        for x in contours():
            if not np.any(x != 0):
                continue
            sf.write(wav, (x / SCALE).astype(np.float32), RATE, subtype="FLOAT")
            row = smile.process_file(str(wav)).iloc[0]
            cases.append({
                "contour": [float(v) for v in x],  # 0 = missing frame
                "amean": float(row["pcm_amean"]) * SCALE,
                "stddevNorm": float(row["pcm_stddevNorm"]),
                "meanRisingSlope": float(row["pcm_meanRisingSlope"]) * SCALE,
                "stddevRisingSlope": float(row["pcm_stddevRisingSlope"]) * SCALE,
                "meanFallingSlope": float(row["pcm_meanFallingSlope"]) * SCALE,
                "stddevFallingSlope": float(row["pcm_stddevFallingSlope"]) * SCALE,
            })
    payload = {"opensmile": opensmile.__version__, "hop": 1 / RATE, "cases": cases}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"wrote {OUT}: {len(cases)} contours")


if __name__ == "__main__":
    main()
