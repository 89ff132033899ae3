#!/usr/bin/env python3
"""Writes fairlearn / scikit-learn golden values for FaceValue's fairness and agreement metrics.

Run from the repository root:
    pip install -r scripts/golden/requirements.txt
    python3 scripts/golden/fairness.py

Multiclass emotion labels are sliced one-vs-rest per class, because fairlearn's parity
metrics are binary; the Swift tests recompute each slice from the same inputs.
"""
import json
from pathlib import Path

import fairlearn
import numpy as np
import sklearn
from fairlearn.metrics import (MetricFrame, demographic_parity_difference, demographic_parity_ratio,
                               equalized_odds_difference, true_positive_rate, false_positive_rate, selection_rate)
from sklearn.metrics import accuracy_score, balanced_accuracy_score, cohen_kappa_score, f1_score, log_loss

OUT = Path("Tests/EvaluationTests/Golden/fairness.json")


def case(name, seed, n, k, groups, skill):
    """Random predictions whose accuracy depends on the group (skill per group), so gaps exist."""
    rng = np.random.default_rng(seed)
    group = rng.choice(groups, size=n)
    truth = rng.integers(k, size=n)
    correct = rng.random(n) < np.array([skill[g] for g in group])
    pred = np.where(correct, truth, rng.integers(k, size=n))
    logits = rng.normal(size=(n, k)) + 2.0 * np.eye(k)[pred]
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    proba = np.round(proba, 6)
    proba /= proba.sum(axis=1, keepdims=True)

    frame = MetricFrame(metrics={"accuracy": accuracy_score, "uar": balanced_accuracy_score,
                                 "macro_f1": lambda t, p: f1_score(t, p, average="macro", zero_division=0)},
                        y_true=truth, y_pred=pred, sensitive_features=group)
    per_class = []
    for c in range(k):
        t, p = (truth == c).astype(int), (pred == c).astype(int)
        rates = MetricFrame(metrics={"tpr": true_positive_rate, "fpr": false_positive_rate, "selection_rate": selection_rate},
                            y_true=t, y_pred=p, sensitive_features=group)
        per_class.append({
            "class": c,
            "demographic_parity_difference": demographic_parity_difference(t, p, sensitive_features=group),
            "demographic_parity_ratio": demographic_parity_ratio(t, p, sensitive_features=group),
            "equalized_odds_difference": equalized_odds_difference(t, p, sensitive_features=group),
            "by_group": {g: {m: float(rates.by_group.loc[g, m]) for m in ["tpr", "fpr", "selection_rate"]}
                         for g in rates.by_group.index},
        })
    return {
        "name": name, "class_count": k, "truth": truth.tolist(), "predicted": pred.tolist(), "group": group.tolist(),
        "probabilities": proba.tolist(),
        "by_group": {g: {m: float(frame.by_group.loc[g, m]) for m in ["accuracy", "uar", "macro_f1"]}
                     for g in frame.by_group.index},
        "difference": {m: float(frame.difference().loc[m]) for m in ["accuracy", "uar", "macro_f1"]},
        "per_class": per_class,
        "cohen_kappa": cohen_kappa_score(truth, pred),
        "log_loss": log_loss(truth, proba, labels=list(range(k))),
    }


def main():
    cases = [
        case("two_groups_three_classes", 1, 120, 3, ["female", "male"], {"female": 0.4, "male": 0.8}),
        case("three_groups_six_classes", 2, 300, 6, ["a", "b", "c"], {"a": 0.7, "b": 0.5, "c": 0.3}),
        case("four_groups_seven_classes", 3, 400, 7, ["black", "east_asian", "white", "west_asian"],
             {"black": 0.45, "east_asian": 0.6, "white": 0.65, "west_asian": 0.55}),
    ]
    payload = {"fairlearn_version": fairlearn.__version__, "sklearn_version": sklearn.__version__, "cases": cases}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
