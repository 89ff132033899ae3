#!/usr/bin/env python3
"""Writes scikit-learn PCA golden values for Tests/ClassifiersTests/PCAGoldenTests.swift.

Run from the repository root (same pinned versions as generate.py):
    pip install -r scripts/golden/requirements.txt
    python3 scripts/golden/pca.py
"""
import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.decomposition import PCA

PATH = Path("Tests/ClassifiersTests/Golden/pca.json")

rng = np.random.default_rng(4)
# Correlated columns so the leading components are well separated.
latent = rng.normal(size=(40, 3)) * np.array([3.0, 1.5, 0.5])
mixing = rng.normal(size=(3, 6))
x_train = np.round(latent @ mixing + 0.1 * rng.normal(size=(40, 6)) + 5, 3)
x_test = np.round(rng.normal(size=(5, 6)) * 2 + 5, 3)

cases = []
for whiten in (False, True):
    # svd_solver="full" is the exact LAPACK SVD, the method the Swift PCA uses.
    model = PCA(n_components=3, whiten=whiten, svd_solver="full").fit(x_train)
    cases.append({
        "whiten": whiten,
        "components": model.components_.tolist(),
        "explained_variance": model.explained_variance_.tolist(),
        "explained_variance_ratio": model.explained_variance_ratio_.tolist(),
        "test_scores": model.transform(x_test).tolist(),
    })

PATH.parent.mkdir(parents=True, exist_ok=True)
PATH.write_text(json.dumps({
    "sklearn_version": sklearn.__version__,
    "x_train": x_train.tolist(),
    "x_test": x_test.tolist(),
    "cases": cases,
}, indent=2, sort_keys=True) + "\n")
print(f"wrote {PATH}")
