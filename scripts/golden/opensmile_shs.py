#!/usr/bin/env python3
"""Writes an openSMILE golden F0 contour for SubharmonicSummationTracker
(Tests/VoiceTests/Golden/shs-signal.wav and shs.json).

Run from the repository root:
    pip install -r Benchmarks/voice/requirements.txt
    python3 scripts/golden/opensmile_shs.py

The signal is synthetic and seeded: silence, a harmonic glide 120 -> 220 Hz, weak noise, a
250 Hz tone complex with vibrato, a 95 Hz low voice, silence; light dither throughout. It is
written as 16-bit PCM at 16 kHz so that both sides read the same samples. openSMILE runs the
eGeMAPSv02 F0 chain (GeMAPSv01b_core.lld.conf.inc up to the energy gate, the
`gemapsv01b_logPitch` level) from a copy of the opensmile package's config directory, and
`F0final` (Hz, 0 = unvoiced, before the sma3 smoothing) is stored per 10-ms frame.
"""
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import opensmile
import soundfile as sf

RATE = 16000
WAV = Path("Tests/VoiceTests/Golden/shs-signal.wav")
OUT = Path("Tests/VoiceTests/Golden/shs.json")


def harmonic(f0, amplitude, harmonics=12):
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    return amplitude * sum(np.sin(k * phase) / k for k in range(1, harmonics + 1))


def signal():
    rng = np.random.default_rng(3)
    parts = [np.zeros(int(0.10 * RATE))]
    n = int(0.45 * RATE)
    parts.append(harmonic(np.linspace(120, 220, n), 0.3) * np.hanning(n) ** 0.3)
    parts.append(rng.normal(0, 0.02, int(0.15 * RATE)))
    n = int(0.35 * RATE)
    t = np.arange(n) / RATE
    parts.append(harmonic(250 * (1 + 0.02 * np.sin(2 * np.pi * 5 * t)), 0.25) * np.hanning(n) ** 0.3)
    parts.append(np.zeros(int(0.05 * RATE)))
    n = int(0.25 * RATE)
    parts.append(harmonic(np.full(n, 95.0), 0.2) * np.hanning(n) ** 0.3)
    parts.append(np.zeros(int(0.10 * RATE)))
    x = np.concatenate(parts)
    x[int(0.10 * RATE):] += rng.normal(0, 0.001, len(x) - int(0.10 * RATE))
    return np.round(np.clip(x, -1, 1) * 32767).astype(np.int16)


def main():
    samples = signal()
    sf.write(WAV, samples, RATE, subtype="PCM_16")
    config = Path(opensmile.__file__).parent / "core/config"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "config"
        shutil.copytree(config, copy)
        lld = (copy / "gemaps/v01b/GeMAPSv01b_core.lld.conf.inc").read_text()
        stop = lld.index("instance[gemapsv01b_pitchJitter]")
        lld = lld[:lld.rindex("[componentInstances:cComponentManager]", 0, stop)]
        conf = copy / "gemaps/v01b/f0_only.conf"
        conf.write_text("[componentInstances:cComponentManager]\ninstance[dataMemory].type=cDataMemory\n"
                        "\\{\\cm[source{?}:include external source]}\n" + lld
                        + "\n\\{\\cm[sink{?}:include external sink]}\n")
        smile = opensmile.Smile(feature_set=str(conf), feature_level="gemapsv01b_logPitch")
        x, rate = sf.read(WAV)
        f0 = smile.process_signal(x.astype(np.float32), rate)["F0final"].to_numpy()
    OUT.write_text(json.dumps({"sampleRate": RATE, "hop": 0.01, "f0": [round(float(v), 4) for v in f0]}) + "\n")
    print(f"{len(f0)} frames, {int(np.sum(f0 > 0))} voiced -> {OUT}")


if __name__ == "__main__":
    main()
