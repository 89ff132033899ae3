#!/usr/bin/env python3
"""Writes librosa golden MFCC values for a generated test signal (Tests/VoiceTests/Golden/mfcc.json).

Run from the repository root:
    pip install -r Benchmarks/voice/requirements.txt
    python3 scripts/golden/voice.py

The signal is a formula (no randomness, no audio file), which the Swift test rebuilds:
x[n] = 0.3 sin(2π·220 t) + 0.15 sin(2π·440 t + 0.5) + 0.05 sin(2π·(300 t + 1000 t²)) + 0.02 sin(2π·3100 t),
t = n / 16000, n = 0 … 7999, and the same signal at one tenth amplitude for n ≥ 4800.
The parameters match FaceValue's `mfcc` set.
"""
import json
from pathlib import Path

import librosa
import numpy as np

OUT = Path("Tests/VoiceTests/Golden/mfcc.json")
SR = 16000


def signal():
    t = np.arange(8000) / SR
    x = (0.3 * np.sin(2 * np.pi * 220 * t) + 0.15 * np.sin(2 * np.pi * 440 * t + 0.5)
         + 0.05 * np.sin(2 * np.pi * (300 * t + 1000 * t * t)) + 0.02 * np.sin(2 * np.pi * 3100 * t))
    x[4800:] *= 0.1
    return x


def main():
    x = signal()
    params = dict(sr=SR, n_fft=512, win_length=400, hop_length=160, window="hann", center=False,
                  n_mels=40, fmin=0, fmax=8000)
    mfcc = librosa.feature.mfcc(y=x, n_mfcc=14, **params)
    mel = librosa.feature.melspectrogram(y=x, **params)
    payload = {
        "librosa": librosa.__version__,
        "frames": int(mfcc.shape[1]),
        "mfcc_1_13": mfcc[1:14].T.round(9).tolist(),  # frames × 13
        "log_mel_frame_10": librosa.power_to_db(mel)[:, 10].round(9).tolist(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}: {mfcc.shape[1]} frames")


if __name__ == "__main__":
    main()
