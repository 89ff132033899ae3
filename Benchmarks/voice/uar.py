#!/usr/bin/env python3
"""Leave-one-speaker-out UAR of standardised multinomial logistic regression (C = 1, as
FaceValue's runner) on feature CSVs written by compare.py, for context: FaceValue's
`egemaps-like` next to openSMILE's eGeMAPSv02 functionals on the same EmoDB clips.

    python3 Benchmarks/voice/uar.py [--work /tmp/facevalue-voice-compare]
"""
import argparse
import csv

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def table(path, manifest):
    with open(path) as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    ids = [m["id"] for m in manifest]
    skip = {"id", "subject", "label", "sex", "age", "truncated", "audio"}
    names = [k for k in rows[ids[0]] if k not in skip]
    return np.array([[float(rows[i][k]) for k in names] for i in ids]), len(names)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/facevalue-voice-compare")
    args = parser.parse_args()
    with open(f"{args.work}/manifest.csv") as f:
        manifest = list(csv.DictReader(f))
    y = np.array([m["label"] for m in manifest])
    groups = np.array([m["subject"] for m in manifest])
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))
    for name in ["egemaps-like", "opensmile", "mfcc"]:
        x, count = table(f"{args.work}/{name}.csv", manifest)
        predicted = cross_val_predict(model, x, y, groups=groups, cv=LeaveOneGroupOut())
        print(f"{name}: {count} features, LOSO UAR {balanced_accuracy_score(y, predicted):.3f}, "
              f"accuracy {(predicted == y).mean():.3f}")


if __name__ == "__main__":
    main()
