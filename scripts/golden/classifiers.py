#!/usr/bin/env python3
"""Writes scikit-learn reference outputs for every FaceValue classifier.

Run from the repository root (versions pinned in scripts/golden/requirements.txt):
    python3 scripts/golden/classifiers.py

Writes Tests/ClassifiersTests/Golden/classifiers.json. Each dataset is small,
overlapping Gaussian blobs (rounded to 3 decimals so Swift sees exactly the
numbers scikit-learn saw); each case names the model, its hyperparameters, the
test-row predictions and probabilities, and the coefficients where the objective
has a unique optimum (ridge, LDA, logistic regression, linear SVM).
"""
import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.svm import LinearSVC
from sklearn.utils import check_random_state

PATH = Path("Tests/ClassifiersTests/Golden/classifiers.json")


def blobs(seed, classes, train_rows, test_rows, features, imbalance=False):
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=1.2, size=(classes, features))
    if imbalance:  # class k has (k + 1) shares of the rows, for class_weight="balanced"
        shares = np.arange(1, classes + 1)
        y_train = np.repeat(np.arange(classes), np.maximum(2, (train_rows * shares / shares.sum()).astype(int)))
    else:
        y_train = np.arange(train_rows) % classes
    rng.shuffle(y_train)
    y_test = rng.integers(classes, size=test_rows)
    x_train = centres[y_train] + rng.normal(size=(len(y_train), features))
    x_test = centres[y_test] + rng.normal(size=(test_rows, features))
    return np.round(x_train, 3), y_train, np.round(x_test, 3), y_test


DATASETS = {
    "three_class": blobs(11, 3, 120, 200, 5),
    "binary": blobs(12, 2, 80, 200, 4),
    "five_class_imbalanced": blobs(13, 5, 150, 200, 6, imbalance=True),
}


def linear_coefficients(model, classes):
    """Coefficients as features x decision columns, like the Swift models store them."""
    return np.atleast_2d(model.coef_).T.tolist(), np.atleast_1d(model.intercept_).tolist()


def mlp_initial(seed, inputs, hidden, outputs):
    """Replays MLPClassifier._init_coef for one hidden layer (relu, softmax output)."""
    rng = check_random_state(seed)
    params = []
    for fan_in, fan_out in [(inputs, hidden), (hidden, outputs)]:
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        params.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
        params.append(rng.uniform(-bound, bound, fan_out))
    return params


def cases():
    out = []
    for data_name, (x, y, xt, yt) in DATASETS.items():
        k = int(y.max()) + 1
        models = [
            ("logistic_regression", {"c": 0.5, "class_weight": "balanced"},
             LogisticRegression(C=0.5, class_weight="balanced", tol=1e-10, max_iter=10000), True),
            ("linear_svm", {"c": 0.1, "class_weight": "none"},
             LinearSVC(C=0.1, dual=True, tol=1e-10, max_iter=200000, random_state=0), True),
            ("linear_svm", {"c": 1.0, "class_weight": "balanced"},
             LinearSVC(C=1.0, dual=True, class_weight="balanced", tol=1e-10, max_iter=200000, random_state=0), True),
            ("lda", {}, LinearDiscriminantAnalysis(solver="lsqr", shrinkage="auto"), True),
            ("ridge", {"alpha": 2.0, "class_weight": "none"}, RidgeClassifier(alpha=2.0), True),
            ("ridge", {"alpha": 0.5, "class_weight": "balanced"}, RidgeClassifier(alpha=0.5, class_weight="balanced"), True),
            ("knn", {"k": 5, "weights": "uniform"}, KNeighborsClassifier(n_neighbors=5), False),
            ("knn", {"k": 7, "weights": "distance"}, KNeighborsClassifier(n_neighbors=7, weights="distance"), False),
            ("naive_bayes", {"var_smoothing": 1e-9}, GaussianNB(), False),
        ]
        if k == 2:  # binary logistic regression is covered by generate.py; its K=2 objective differs
            models = models[1:]
        for name, params, model, has_coef in models:
            model.fit(x, y)
            case = {"model": name, "dataset": data_name, "params": params,
                    "predictions": model.predict(xt).tolist(),
                    "accuracy": float((model.predict(xt) == yt).mean())}
            if hasattr(model, "predict_proba") and name != "logistic_regression" or name == "logistic_regression":
                if hasattr(model, "predict_proba"):
                    case["probabilities"] = model.predict_proba(xt).tolist()
            if has_coef and not (name == "lda" and k == 2):
                coef, intercept = linear_coefficients(model, k)
                case["coef"], case["intercept"] = coef, intercept
            if name == "lda":
                case["covariance"] = model.covariance_.tolist()
            out.append(case)
        if k > 2:
            # Full-batch Adam without shuffling or early stopping replays deterministically
            # from the same initial weights, so the weights themselves can be compared. In
            # float32, as FaceValue's MLP trains: MLPClassifier keeps float32 input's precision.
            x32, xt32 = x.astype(np.float32), xt.astype(np.float32)
            hidden, epochs = 16, 300
            init = mlp_initial(7, x.shape[1], hidden, k)
            mlp = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=1e-3, learning_rate_init=1e-2,
                                batch_size=len(y), shuffle=False, max_iter=epochs, tol=0,
                                n_iter_no_change=10 ** 6, random_state=7)
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                mlp.fit(x32, y)
            # Check the replayed initialisation is the one sklearn used: refit 1 epoch... by
            # construction _init_coef draws in this order from check_random_state(7).
            out.append({
                "model": "mlp", "dataset": data_name,
                "params": {"hidden": hidden, "alpha": 1e-3, "learning_rate": 1e-2, "epochs": epochs},
                "initial": [p.tolist() for p in init],
                "final": [mlp.coefs_[0].tolist(), mlp.intercepts_[0].tolist(),
                          mlp.coefs_[1].tolist(), mlp.intercepts_[1].tolist()],
                "predictions": mlp.predict(xt32).tolist(),
                "probabilities": mlp.predict_proba(xt32).tolist(),
                "accuracy": float((mlp.predict(xt32) == yt).mean()),
            })
    return out


if __name__ == "__main__":
    datasets = {name: {"x_train": x.tolist(), "y_train": y.tolist(), "x_test": xt.tolist(), "y_test": yt.tolist()}
                for name, (x, y, xt, yt) in DATASETS.items()}
    payload = {"sklearn_version": sklearn.__version__, "datasets": datasets, "cases": cases()}
    PATH.parent.mkdir(parents=True, exist_ok=True)
    PATH.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n")
    print(f"wrote {PATH} ({len(payload['cases'])} cases, scikit-learn {sklearn.__version__})")
