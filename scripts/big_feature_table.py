#!/usr/bin/env python3
"""Writes a synthetic feature table for the load-speed measurement in docs/feature-tables.md:
ROWS rows (ids s0, s1, …) × COLUMNS numeric columns of 7 significant digits (as openSMILE
writes), about 1 GB for the default 100,000 × 1,000. Needs numpy.
    python3 scripts/big_feature_table.py /tmp/big.csv [ROWS] [COLUMNS]
    FACEVALUE_BIG_TABLE=/tmp/big.csv swift test -c release --scratch-path .build/tests \\
        -Xswiftc -enable-testing --skip-build --filter NumericTableScaleTests
"""
import io
import sys

import numpy as np

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
cols = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
rng = np.random.default_rng(1)
# 1,000 distinct rows of mixed magnitudes, repeated under new ids: parsing costs the same.
block = rng.standard_normal((1000, cols)) * 10.0 ** rng.integers(-3, 4, size=(1000, cols))
text = io.StringIO()
np.savetxt(text, block, fmt="%.7g", delimiter=",")
lines = text.getvalue().splitlines()
with open(out, "w") as f:
    f.write("id," + ",".join(f"f{i}" for i in range(cols)) + "\n")
    for start in range(0, rows, 1000):
        f.write("".join(f"s{start + i},{lines[i]}\n" for i in range(min(1000, rows - start))))
