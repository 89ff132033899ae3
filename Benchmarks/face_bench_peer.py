#!/usr/bin/env python3
"""Python peer of face-bench: reads the same OpenFace CSVs with pandas and computes the
same nine geometric measures (canonical eye-line pose, inter-ocular units) with numpy and
their mean/max/std/peak-time/peak-velocity/onset-to-apex functionals, single-threaded.

    python3 Benchmarks/face_bench_peer.py [folder]
Run `swift run -c release face-bench` first: it writes the files.
"""
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/facevalue-face-bench")
files = sorted(folder.glob("clip*.csv"))


def features(path):
    df = pd.read_csv(path, skipinitialspace=True)
    df = df[df["success"] == 1]
    x = df[[f"x_{i}" for i in range(68)]].to_numpy()
    y = df[[f"y_{i}" for i in range(68)]].to_numpy()
    t = df["timestamp"].to_numpy()
    le = np.stack([x[:, 36:42].mean(1), y[:, 36:42].mean(1)], 1)
    re = np.stack([x[:, 42:48].mean(1), y[:, 42:48].mean(1)], 1)
    d = re - le
    iod = np.hypot(d[:, 0], d[:, 1])
    c, s = d[:, 0] / iod, d[:, 1] / iod
    mid = (le + re) / 2
    # Rotate so the eye line is horizontal, centre between the eyes, scale to IOD.
    px, py = x - mid[:, :1], y - mid[:, 1:]
    X = (c[:, None] * px + s[:, None] * py) / iod[:, None]
    Y = (-s[:, None] * px + c[:, None] * py) / iod[:, None]

    def dist(a, b):
        return np.hypot(X[:, a] - X[:, b], Y[:, a] - Y[:, b])

    m = np.stack([
        (dist(37, 41) + dist(38, 40) + dist(43, 47) + dist(44, 46)) / 4,
        -Y[:, 17:27].mean(1), dist(21, 22), dist(48, 54), dist(51, 57), dist(62, 66),
        (Y[:, 51] + Y[:, 57]) / 2 - (Y[:, 48] + Y[:, 54]) / 2, dist(33, 51), dist(30, 8),
    ], 1)
    apex = np.abs(m - m[0]).sum(1).argmax()
    vel = np.abs(np.diff(m, axis=0)) / np.diff(t)[:, None]
    return np.concatenate([m.mean(0), m.max(0), m.std(0), t[m.argmax(0)] - t[0], vel.max(0), m[apex] - m[0]])


first = features(files[0]).reshape(6, 9).T.ravel()  # Swift order: per measure, six functionals
print(f"geometry of {files[0].name}: " + " ".join(f"{v:.9f}" for v in first[:12]))

start = time.perf_counter()
out = [features(f) for f in files]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"python geometry 1 thread {seconds:7.3f} s  {1000 * seconds / len(files):6.2f} ms/file  "
      f"files {len(files)}  peak RSS {peak:.0f} MB  (pandas {pd.__version__}, numpy {np.__version__})")
