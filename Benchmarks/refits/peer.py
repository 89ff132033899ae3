#!/usr/bin/env python3
"""scikit-learn peer of the refit benchmark (compare.py): the chance test and nested model
selection on the same matrix, protocol and settings as FaceValue's run.

    peer.py permutations MATRIX.csv MODEL N [--jobs J]
    peer.py nested MATRIX.csv MODEL INNER [--jobs J]

MATRIX.csv: subject,label,features... (compare.py writes it from the table FaceValue reads).
permutations: `permutation_test_score` of StandardScaler + MODEL, leave-one-subject-out,
  N permutations (labels shuffled within subjects, as scikit-learn does with `groups`),
  balanced accuracy (= UAR), n_jobs = J.
nested: `cross_val_predict` of a `GridSearchCV` over MODEL's grid with `GroupKFold(INNER)`
  inner folds (groups routed to it), leave-one-subject-out outer folds, n_jobs = J on the
  outer loop.
Prints one JSON object: {"seconds": wall time of the call, "score": ...}.
Settings mirror compare.py's FaceValue configs; LinearSVC is liblinear's primal solver
(dual=False), as FaceValue's.
"""
import argparse
import json
import time
import warnings

import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.model_selection import GridSearchCV, GroupKFold, LeaveOneGroupOut, cross_val_predict, permutation_test_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

MODELS = {
    # FaceValue's experiment default (tol 1e-9 on scikit-learn's scale).
    "logistic_regression": lambda: LogisticRegression(C=1.0, tol=1e-9, max_iter=500),
    "svm": lambda: LinearSVC(C=1.0, dual=False),
    "lda": lambda: LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto"),
    "ridge": lambda: RidgeClassifier(alpha=1.0),
    "knn": lambda: KNeighborsClassifier(n_neighbors=5, algorithm="brute"),
    "naive_bayes": lambda: GaussianNB(),
    "mlp": lambda: MLPClassifier(hidden_layer_sizes=(100,), early_stopping=True, random_state=0),
}
GRIDS = {
    "logistic_regression": {"model__C": [0.1, 1.0, 10.0]},
    "svm": {"model__C": [0.1, 1.0, 10.0]},
    "lda": None,
    "ridge": {"model__alpha": [0.1, 1.0, 10.0]},
    "knn": {"model__n_neighbors": [3, 5, 9]},
    "naive_bayes": {"model__var_smoothing": [1e-9, 1e-6, 1e-3]},
    "mlp": {"model__alpha": [1e-4, 1e-2, 1.0]},
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["permutations", "nested"])
    parser.add_argument("matrix")
    parser.add_argument("model", choices=sorted(MODELS))
    parser.add_argument("count", type=int, help="permutations, or inner folds")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    data = np.loadtxt(args.matrix, delimiter=",", skiprows=1, dtype=str)
    groups, y, x = data[:, 0], data[:, 1].astype(int), data[:, 2:].astype(float)
    pipe = Pipeline([("scale", StandardScaler()), ("model", MODELS[args.model]())])
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    if args.task == "permutations":
        score, _, p = permutation_test_score(
            pipe, x, y, groups=groups, cv=LeaveOneGroupOut(), n_permutations=args.count, n_jobs=args.jobs,
            random_state=0, scoring="balanced_accuracy")
        result = {"score": score, "p": p}
    else:
        sklearn.set_config(enable_metadata_routing=True)
        search = GridSearchCV(pipe, GRIDS[args.model], cv=GroupKFold(args.count), scoring="balanced_accuracy")
        predicted = cross_val_predict(search, x, y, cv=LeaveOneGroupOut(), n_jobs=args.jobs, params={"groups": groups})
        result = {"score": float(np.mean([np.mean(predicted[y == k] == k) for k in np.unique(y)]))}
    result["seconds"] = time.perf_counter() - start
    print(json.dumps(result))


if __name__ == "__main__":
    main()
