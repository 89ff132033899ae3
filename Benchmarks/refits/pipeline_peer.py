#!/usr/bin/env python3
"""The Python pipeline doing what `facevalue run experiments/emodb-egemaps.yaml` does, for
the whole-experiment comparison (compare_pipeline.py times both as whole processes).

    pipeline_peer.py EMODB_ROOT [--jobs 2] [--permutations 100] [--group-permutations 9999]

1. openSMILE eGeMAPSv02 functionals of the 535 clips, `--jobs` worker processes;
2. leave-one-speaker-out StandardScaler + LogisticRegression(C=1, tol=1e-9) predictions;
3. UAR and accuracy with delete-one-speaker jackknife t intervals;
4. scikit-learn `permutation_test_score` (labels shuffled within speakers, the pipeline
   refitted per permutation), n_jobs = --jobs;
5. fairlearn `MetricFrame` of recall and accuracy by sex and by age group, and the
   largest-gap permutation test of each attribute (speakers' group labels permuted,
   vectorised in numpy).
Prints a JSON summary with the stage times.
"""
import argparse
import json
import multiprocessing as mp
import os
import time
import warnings
from pathlib import Path

import numpy as np

# Speaker sex and age (EmoDB documentation), as FaceValue's loader has them built in.
SPEAKERS = {"03": ("male", 31), "08": ("female", 34), "09": ("female", 21), "10": ("male", 32), "11": ("male", 26),
            "12": ("male", 30), "13": ("female", 32), "14": ("female", 35), "15": ("male", 25), "16": ("female", 31)}
EMOTIONS = {"W": "anger", "L": "boredom", "E": "disgust", "A": "fear", "F": "happiness", "T": "sadness", "N": "neutral"}


def smile(path):
    import opensmile
    global _SMILE
    if "_SMILE" not in globals():
        _SMILE = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02,
                                 feature_level=opensmile.FeatureLevel.Functionals)
    return _SMILE.process_file(path).iloc[0].to_numpy(dtype=float)


def jackknife(values_by_subject, statistic):
    """Delete-one-subject jackknife t interval (Efron & Tibshirani 1993, §11.5)."""
    from scipy.stats import t
    subjects = sorted(values_by_subject)
    full = statistic(subjects)
    leave = np.array([statistic([s for s in subjects if s != out]) for out in subjects])
    n = len(subjects)
    se = np.sqrt((n - 1) / n * np.sum((leave - leave.mean()) ** 2))
    q = t.ppf(0.975, n - 1)
    return full, full - q * se, full + q * se


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--permutations", type=int, default=100)
    parser.add_argument("--group-permutations", type=int, default=9999)
    args = parser.parse_args()
    times = {}
    start = time.perf_counter()
    files = sorted(Path(args.root, "wav").glob("*.wav"))
    with mp.Pool(args.jobs) as pool:
        x = np.array(pool.map(smile, [str(f) for f in files], chunksize=4))
    times["features"] = time.perf_counter() - start

    from fairlearn.metrics import MetricFrame
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, recall_score
    from sklearn.model_selection import LeaveOneGroupOut, cross_val_predict, permutation_test_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    warnings.simplefilter("ignore")
    subjects = np.array([f.name[:2] for f in files])
    labels = np.array([EMOTIONS[f.name[5]] for f in files])
    classes = sorted(set(labels))
    y = np.array([classes.index(v) for v in labels])
    sex = np.array([SPEAKERS[s][0] for s in subjects])
    age_group = np.array([f"{SPEAKERS[s][1] // 10 * 10}s" for s in subjects])
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, tol=1e-9, max_iter=500))
    lap = time.perf_counter()
    predicted = cross_val_predict(model, x, y, groups=subjects, cv=LeaveOneGroupOut(), n_jobs=args.jobs)
    times["cross-validation"] = time.perf_counter() - lap

    lap = time.perf_counter()
    def uar(keep):
        rows = np.isin(subjects, keep)
        return recall_score(y[rows], predicted[rows], average="macro")
    def accuracy(keep):
        rows = np.isin(subjects, keep)
        return accuracy_score(y[rows], predicted[rows])
    by_subject = {s: None for s in subjects}
    intervals = {"uar": jackknife(by_subject, uar), "accuracy": jackknife(by_subject, accuracy)}
    times["intervals"] = time.perf_counter() - lap

    lap = time.perf_counter()
    score, _, p = permutation_test_score(
        model, x, y, groups=subjects, cv=LeaveOneGroupOut(), n_permutations=args.permutations, n_jobs=args.jobs,
        random_state=0, scoring="balanced_accuracy")
    times["chance test"] = time.perf_counter() - lap

    lap = time.perf_counter()
    rng = np.random.default_rng(0)
    correct = (predicted == y).astype(float)
    speakers = sorted(set(subjects))
    index = np.array([speakers.index(s) for s in subjects])
    groups = {}
    for name, attribute in (("sex", sex), ("age_group", age_group)):
        frame = MetricFrame(metrics={"accuracy": accuracy_score,
                                     "uar": lambda a, b: recall_score(a, b, average="macro")},
                            y_true=y, y_pred=predicted, sensitive_features=attribute)
        observed = float(frame.difference()["accuracy"])
        # Largest gap in accuracy between groups, speakers' group labels permuted.
        speaker_group = np.array([attribute[subjects == s][0] for s in speakers])
        values = sorted(set(speaker_group))
        perms = np.array([rng.permutation(speaker_group) for _ in range(args.group_permutations)])
        row_groups = perms[:, index]
        gaps = np.zeros(args.group_permutations)
        means = np.stack([(correct * (row_groups == v)).sum(1) / np.maximum((row_groups == v).sum(1), 1) for v in values])
        gaps = means.max(0) - means.min(0)
        groups[name] = {"gap": observed, "p": float((1 + np.sum(gaps >= observed - 1e-12)) / (1 + len(gaps)))}
    times["group analysis"] = time.perf_counter() - lap
    times["total"] = time.perf_counter() - start
    print(json.dumps({"uar": intervals["uar"], "accuracy": intervals["accuracy"], "chance": {"score": score, "p": p},
                      "groups": groups, "seconds": times}))


if __name__ == "__main__":
    main()
