#!/usr/bin/env python3
"""Writes scikit-learn golden values that the Swift tests check against.

Run from the repository root:
    pip install -r scripts/golden/requirements.txt
    python3 scripts/golden/generate.py

All randomness comes from fixed seeds, so rerunning with the pinned versions
reproduces the committed JSON files exactly.
"""
import json
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.linear_model import LogisticRegression

LOGREG_PATH = Path("Tests/ClassifiersTests/Golden/logistic_regression.json")
METRICS_PATH = Path("Tests/EvaluationTests/Golden/metrics.json")


def write_json(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    # sort_keys + fixed indent keep diffs stable across regenerations.
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")


# --------------------------------------------------------------------------
# Logistic regression
# --------------------------------------------------------------------------

def blobs(seed, class_count, train_rows, test_rows, features, spread=1.0):
    """Gaussian blobs whose centres sit close enough together to overlap
    (unit noise, centres ~N(0, spread^2)), so no dataset is separable."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=spread, size=(class_count, features))
    # Balanced labels so every class is present in training.
    y_train = np.arange(train_rows) % class_count
    rng.shuffle(y_train)
    y_test = rng.integers(class_count, size=test_rows)
    x_train = centres[y_train] + rng.normal(size=(train_rows, features))
    x_test = centres[y_test] + rng.normal(size=(test_rows, features))
    # Rounding makes the JSON readable; we fit on the rounded values, so the
    # Swift side sees exactly the data sklearn saw.
    return np.round(x_train, 3), y_train, np.round(x_test, 3)


def objective_gradient(x, y, coef, intercept, C):
    """Gradient of 0.5*||W||^2 + C*sum_i CE_i for a K-column softmax.

    Checked against sklearn's solution to prove the golden values really are
    the optimum of the objective the Swift code minimises.
    """
    logits = x @ coef + intercept
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    residual = p - np.eye(coef.shape[1])[y]
    return coef + C * x.T @ residual, C * residual.sum(axis=0)


def fit_logistic(name, C, x_train, y_train, x_test):
    K, d = int(y_train.max()) + 1, x_train.shape[1]
    params = dict(C=C, solver="lbfgs", tol=1e-10, max_iter=10000)
    coef = intercept = None

    if K > 2:
        model = LogisticRegression(**params).fit(x_train, y_train)
        # sklearn >= 1.5 fits K >= 3 as a true multinomial; guard against OvR.
        assert model.coef_.shape == (K, d), model.coef_.shape
        coef, intercept = model.coef_.T, model.intercept_
    elif "multi_class" in LogisticRegression().get_params():
        # For binary y, the default fit is plain logistic regression with one
        # weight vector; that equals the K=2 softmax objective only at C/2, so
        # its outputs would not match ours. multi_class="multinomial" fits the
        # real 2-column softmax; sklearn then stores only the class-1 column
        # because the optimum is antisymmetric (W0 = -W1, b0 = -b1).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # deprecated arg
            model = LogisticRegression(multi_class="multinomial", **params)
            model.fit(x_train, y_train)
        assert model.coef_.shape == (1, d), model.coef_.shape
        coef = np.stack([-model.coef_[0], model.coef_[0]], axis=1)
        intercept = np.array([-model.intercept_[0], model.intercept_[0]])
    else:
        # sklearn >= 1.8 removed multi_class; leave coefficients out rather
        # than report a different objective's parameters. Note these
        # probabilities are those of the K=2 softmax at C/2, not at C.
        model = LogisticRegression(**params).fit(x_train, y_train)

    assert model.n_iter_.max() < params["max_iter"], "lbfgs did not converge"
    probabilities = model.predict_proba(x_test)
    if coef is not None:
        grad_w, grad_b = objective_gradient(x_train, y_train, coef, intercept, C)
        # Not 1e-10: sklearn also stops lbfgs on relative loss change
        # (ftol = 64 eps), which the constant column's flat direction hits
        # at |grad| ~ 2e-6, leaving coefs ~1e-6 from the exact optimum.
        assert max(abs(grad_w).max(), abs(grad_b).max()) < 1e-5, name
        # The K-column parameters must reproduce sklearn's own probabilities.
        logits = x_test @ coef + intercept
        mine = np.exp(logits - logits.max(axis=1, keepdims=True))
        assert np.allclose(mine / mine.sum(axis=1, keepdims=True), probabilities,
                           rtol=0, atol=1e-12), name

    return {
        "name": name,
        "C": C,
        "class_count": K,
        "x_train": x_train.tolist(),
        "y_train": y_train.tolist(),
        "x_test": x_test.tolist(),
        "coef": None if coef is None else coef.tolist(),  # features x classes
        "intercept": None if intercept is None else intercept.tolist(),
        "test_probabilities": probabilities.tolist(),
        "test_predictions": model.predict(x_test).tolist(),
    }


def logistic_regression_golden():
    datasets = []

    x_train, y_train, x_test = blobs(seed=101, class_count=3, train_rows=60,
                                     test_rows=20, features=4)
    datasets.append(fit_logistic("three_class_blobs", 1.0, x_train, y_train, x_test))

    x_train, y_train, x_test = blobs(seed=202, class_count=2, train_rows=40,
                                     test_rows=20, features=3)
    datasets.append(fit_logistic("binary_blobs", 0.1, x_train, y_train, x_test))

    x_train, y_train, x_test = blobs(seed=303, class_count=5, train_rows=100,
                                     test_rows=20, features=6)
    # A constant, non-zero column: its optimal weights are exactly zero (the
    # unpenalised intercept absorbs it), and it breaks naive standardisation.
    x_train[:, 3] = 2.0
    x_test[:, 3] = 2.0
    datasets.append(fit_logistic("five_class_constant_feature", 1.0,
                                 x_train, y_train, x_test))

    return {"sklearn_version": sklearn.__version__, "datasets": datasets}


# --------------------------------------------------------------------------
# Classification metrics
# --------------------------------------------------------------------------

def noisy_predictions(rng, y_true, class_count, accuracy):
    """Predictions that are right with probability `accuracy`, else random."""
    wrong = rng.random(len(y_true)) > accuracy
    y_pred = y_true.copy()
    y_pred[wrong] = rng.integers(class_count, size=wrong.sum())
    return y_pred


def metric_case(name, class_count, y_true, y_pred):
    labels = list(range(class_count))
    with warnings.catch_warnings():
        # balanced_accuracy warns when y_pred has classes absent from y_true;
        # that is exactly the situation the last case exercises.
        warnings.simplefilter("ignore", UserWarning)
        balanced = metrics.balanced_accuracy_score(y_true, y_pred)
    return {
        "name": name,
        "class_count": class_count,
        "y_true": y_true.tolist(),
        "y_pred": y_pred.tolist(),
        "accuracy_score": metrics.accuracy_score(y_true, y_pred),
        # sklearn defaults on purpose: classes present in y_true only.
        "balanced_accuracy_score": balanced,
        # sklearn defaults on purpose: union of classes in y_true and y_pred.
        "f1_score": metrics.f1_score(y_true, y_pred, average="macro",
                                     zero_division=0),
        "recall_score": metrics.recall_score(
            y_true, y_pred, average=None, labels=labels, zero_division=0).tolist(),
        "precision_score": metrics.precision_score(
            y_true, y_pred, average=None, labels=labels, zero_division=0).tolist(),
        # Rows are true classes, columns predicted classes.
        "confusion_matrix": metrics.confusion_matrix(
            y_true, y_pred, labels=labels).tolist(),
    }


def metrics_golden():
    rng = np.random.default_rng(404)
    cases = []

    y_true = rng.integers(3, size=24)
    cases.append(metric_case("three_class", 3, y_true,
                             noisy_predictions(rng, y_true, 3, 0.7)))

    # Imbalanced class frequencies make accuracy and balanced accuracy differ.
    y_true = rng.choice(5, size=40, p=[0.4, 0.25, 0.15, 0.12, 0.08])
    cases.append(metric_case("five_class_imbalanced", 5, y_true,
                             noisy_predictions(rng, y_true, 5, 0.6)))

    y_true = rng.choice(7, size=60, p=[0.3, 0.2, 0.15, 0.12, 0.1, 0.08, 0.05])
    cases.append(metric_case("seven_class_imbalanced", 7, y_true,
                             noisy_predictions(rng, y_true, 7, 0.55)))

    # Class 2 is in y_true but never predicted, class 4 is predicted but never
    # true, and class 5 appears in neither. This separates the three label
    # sets: balanced accuracy averages over y_true's classes {0,1,2,3}, macro
    # F1 over the union {0,1,2,3,4}, per-class arrays over range(K).
    y_true = rng.choice([0, 1, 2, 3], size=30, p=[0.4, 0.3, 0.2, 0.1])
    y_pred = noisy_predictions(rng, y_true, 5, 0.6)
    y_pred[y_pred == 2] = rng.choice([0, 1, 3, 4], size=(y_pred == 2).sum())
    y_pred[:2] = 4  # guarantee class 4 is predicted at least once
    assert 2 in y_true and 2 not in y_pred and 4 in y_pred and 4 not in y_true
    cases.append(metric_case("missing_classes", 6, y_true, y_pred))

    return {"sklearn_version": sklearn.__version__, "cases": cases}


if __name__ == "__main__":
    write_json(LOGREG_PATH, logistic_regression_golden())
    write_json(METRICS_PATH, metrics_golden())
    print(f"wrote {LOGREG_PATH} and {METRICS_PATH} (scikit-learn {sklearn.__version__})")
