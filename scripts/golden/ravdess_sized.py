#!/usr/bin/env python3
"""RAVDESS-sized synthetic data (1,440 x 63, 8 classes, 24 subjects) and scikit-learn
LinearSVC reference solutions on it.

Run from the repository root with scikit-learn installed (the shared venv:
`python3 -m venv VENV && VENV/bin/pip install scikit-learn numpy`):
    python3 scripts/golden/ravdess_sized.py            # writes the golden JSON
    python3 scripts/golden/ravdess_sized.py --csv DIR [--no-golden]  # also (or only) writes
                                                  # DIR/manifest.csv and DIR/features.csv

The data come from splitmix64 and plain double arithmetic in a fixed order, so
Tests/ClassifiersTests/RavdessSizedData.swift regenerates the same numbers bit for bit
(the JSON carries a checksum the Swift test compares first). Layout as RAVDESS speech:
24 actors x 60 clips, 4 neutral and 8 of each of 7 other emotions per actor. Each row is
a 12-dimensional latent point (class centre + actor offset + noise) mixed into 63
correlated features plus independent noise, so the features are strongly collinear, as
eGeMAPS functionals are.

Golden cases: LOAO fold "actor 0 held out", features standardised on the training actors
(StandardScaler), LinearSVC(dual=False, tol=1e-10): liblinear's primal trust-region Newton
solver for the L2-loss SVM, run to its rounding floor, so the optimum is what is compared.
"""
import argparse
import json
import math
from pathlib import Path

PATH = Path("Tests/ClassifiersTests/Golden/svm-ravdess-sized.json")
MASK = (1 << 64) - 1
SUBJECTS, CLASSES, LATENT, FEATURES = 24, 8, 12, 63
ROOT3 = 1.7320508075688772


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def normal(self):
        # Irwin-Hall: four uniforms, centred and scaled to unit variance; only + and *,
        # so every language gets the same bits.
        a, b, c, d = self.uniform(), self.uniform(), self.uniform(), self.uniform()
        return (((a + b) + (c + d)) - 2.0) * ROOT3


def generate(seed=17):
    """Rows (list of lists), labels, subjects; the order is actor, class, take."""
    rng = SplitMix64(seed)
    centres = [[0.8 * rng.normal() for _ in range(LATENT)] for _ in range(CLASSES)]
    offsets = [[0.5 * rng.normal() for _ in range(LATENT)] for _ in range(SUBJECTS)]
    mixing = [[rng.normal() for _ in range(FEATURES)] for _ in range(LATENT)]
    rows, labels, subjects = [], [], []
    for s in range(SUBJECTS):
        for k in range(CLASSES):
            for _ in range(4 if k == 0 else 8):
                latent = [centres[k][j] + offsets[s][j] + rng.normal() for j in range(LATENT)]
                row = []
                for f in range(FEATURES):
                    total = 0.0
                    for j in range(LATENT):
                        total += latent[j] * mixing[j][f]
                    row.append(total + 0.3 * rng.normal())
                rows.append(row)
                labels.append(k)
                subjects.append(s)
    return rows, labels, subjects


def checksum(rows):
    total = 0.0
    for row in rows:
        for v in row:
            total += v
    return total


def write_csv(folder, rows, labels, subjects):
    folder.mkdir(parents=True, exist_ok=True)
    names = ["neutral", "calm", "happiness", "sadness", "anger", "fear", "disgust", "surprise"]
    ids = [f"r{i:04d}" for i in range(len(rows))]
    with open(folder / "manifest.csv", "w") as f:
        f.write("id,subject,label,sex\n")
        for i, (y, s) in enumerate(zip(labels, subjects)):
            f.write(f"{ids[i]},actor{s:02d},{names[y]},{'male' if s % 2 else 'female'}\n")
    with open(folder / "features.csv", "w") as f:
        f.write("id," + ",".join(f"f{j:02d}" for j in range(FEATURES)) + "\n")
        for i, row in enumerate(rows):
            f.write(ids[i] + "," + ",".join(repr(v) for v in row) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", type=Path, help="also write manifest.csv and features.csv here")
    parser.add_argument("--no-golden", action="store_true", help="only the CSVs (for benchmarks)")
    args = parser.parse_args()
    rows, labels, subjects = generate()
    if args.csv:
        write_csv(args.csv, rows, labels, subjects)
    if args.no_golden:
        return
    import numpy as np
    import sklearn
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    x, y, g = np.array(rows), np.array(labels), np.array(subjects)
    train, test = g != 0, g == 0
    scaler = StandardScaler().fit(x[train])
    xt, xs = scaler.transform(x[train]), scaler.transform(x[test])
    cases = []
    for c, weight in ((1.0, None), (0.1, "balanced")):
        model = LinearSVC(C=c, dual=False, class_weight=weight, tol=1e-10, max_iter=10000).fit(xt, y[train])
        cases.append({
            "c": c, "class_weight": weight or "none",
            "coef": model.coef_.tolist(), "intercept": model.intercept_.tolist(),
            "decisions": model.decision_function(xs[:10]).tolist(),
            "accuracy": float((model.predict(xs) == y[test]).mean()),
        })
    out = {
        "sklearn_version": sklearn.__version__, "seed": 17, "rows": len(rows), "features": FEATURES,
        "checksum": checksum(rows), "first_row": rows[0], "cases": cases,
    }
    PATH.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {PATH}")


if __name__ == "__main__":
    main()
