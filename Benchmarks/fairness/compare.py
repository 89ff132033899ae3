#!/usr/bin/env python3
"""Bootstrap speed of FaceValue's audit against fairlearn's MetricFrame, side by side.

Run from the repository root after `scripts/build`:
    pip install -r Benchmarks/fairness/requirements.txt
    python3 Benchmarks/fairness/compare.py [--rows 10000] [--boot 2000]

Both tools get the same 10,000 predictions (7 classes, 200 subjects, three attributes)
and 2,000 bootstrap resamples. fairlearn resamples rows (it does not know subjects);
FaceValue resamples subjects within groups, and computes more per replicate: every gap
(accuracy, UAR, macro-F1, demographic parity, equal opportunity, equalized odds,
negative-emotion attribution) for each attribute and each pair of attributes. The ratio
therefore understates FaceValue's advantage per unit of work.
"""
import argparse
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score

LABELS = ["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"]


def make_predictions(rows, seed=0):
    rng = np.random.default_rng(seed)
    subjects = rng.integers(200, size=rows)
    person = pd.DataFrame({
        "sex": rng.choice(["female", "male"], size=200),
        "age": rng.choice(["18-29", "30-49", "50+"], size=200),
        "race": rng.choice(["black", "east_asian", "white", "west_asian"], size=200, p=[0.2, 0.2, 0.45, 0.15]),
    })
    truth = rng.integers(len(LABELS), size=rows)
    skill = np.where(person["race"].values[subjects] == "black", 0.45, 0.6)
    correct = rng.random(rows) < skill
    predicted = np.where(correct, truth, rng.integers(len(LABELS), size=rows))
    frame = pd.DataFrame({
        "clip": [f"c{i}" for i in range(rows)], "subject": [f"s{s}" for s in subjects],
        "label": [LABELS[t] for t in truth], "predicted": [LABELS[p] for p in predicted],
    })
    for column in person:
        frame[column] = person[column].values[subjects]
    return frame


def time_fairlearn(frame, boot):
    metrics = {"accuracy": accuracy_score, "uar": balanced_accuracy_score,
               "macro_f1": lambda t, p: f1_score(t, p, average="macro", zero_division=0)}
    start = time.perf_counter()
    for attribute in ["sex", "age", "race"]:
        MetricFrame(metrics=metrics, y_true=frame["label"], y_pred=frame["predicted"],
                    sensitive_features=frame[attribute], n_boot=boot, ci_quantiles=[0.025, 0.975], random_state=0)
    return time.perf_counter() - start


def time_facevalue(csv, boot, binary, output):
    command = ["/usr/bin/time", "-f", "%M", binary, "audit", str(csv), "--truth", "label", "--prediction", "predicted",
               "--subject", "subject", "--groups", "sex,age,race", "--bootstrap", str(boot), "--permutations", "0",
               "--output", str(output), "--name", "bench"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--boot", type=int, default=2000)
    parser.add_argument("--binary", default=".build/release/facevalue")
    args = parser.parse_args()
    frame = make_predictions(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "predictions.csv"
        frame.to_csv(csv, index=False)
        swift_seconds, swift_peak = time_facevalue(csv, args.boot, args.binary, Path(folder))
        fair_seconds = time_fairlearn(frame, args.boot)
    fair_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"rows={args.rows} bootstrap={args.boot} cores={os.cpu_count()}")
    print(f"fairlearn MetricFrame (3 attributes x 3 metrics, row bootstrap): {fair_seconds:.1f} s, peak {fair_peak / 1024:.0f} MB")
    print(f"facevalue audit (3 attributes + 3 intersections x all gaps, subject bootstrap): {swift_seconds:.1f} s, peak {swift_peak / 1024:.0f} MB")
    print(f"speed ratio (fairlearn / facevalue): {fair_seconds / swift_seconds:.1f}x")


if __name__ == "__main__":
    main()
