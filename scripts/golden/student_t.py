#!/usr/bin/env python3
"""Writes scipy's Student t quantiles and CDF values for FaceValue's small-sample intervals.

Run from the repository root:
    pip install -r scripts/golden/requirements.txt
    python3 scripts/golden/student_t.py
"""
import json
from pathlib import Path

import scipy
from scipy import stats

OUT = Path("Tests/EvaluationTests/Golden/student_t.json")

degrees = [1, 2, 3, 4, 5, 9, 11, 29, 100, 1000]
probabilities = [0.5, 0.6, 0.9, 0.95, 0.975, 0.995, 0.9995]
points = [-10.0, -2.5, -0.3, 0.0, 0.7, 1.96, 4.0, 31.8]
cases = [{"df": d, "p": p, "quantile": float(stats.t.ppf(p, d))} for d in degrees for p in probabilities]
cdf = [{"df": d, "t": t, "cdf": float(stats.t.cdf(t, d))} for d in degrees for t in points]
OUT.write_text(json.dumps({"scipy": scipy.__version__, "quantiles": cases, "cdf": cdf}, indent=1) + "\n")
print(f"wrote {OUT}: {len(cases)} quantiles, {len(cdf)} CDF values")
