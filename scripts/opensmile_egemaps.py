#!/usr/bin/env python3
"""Writes openSMILE's own eGeMAPSv02 functionals (88 per clip) of every EmoDB WAV as a CSV
that FaceValue reads as a feature table (experiments/emodb-opensmile-vs-egemaps-like.yaml).

Column `id` holds the file name without `.wav`, which is the sample id FaceValue's EmoDB
loader gives each clip; then the 88 feature columns under openSMILE's names. The output is
derived from EmoDB, so it goes to the git-ignored `work/` folder, not into the repository.

Needs the `opensmile` package from PyPI (tested with 2.6.0):
    python3 -m venv .venv && .venv/bin/pip install opensmile
    .venv/bin/python scripts/opensmile_egemaps.py [--root ../shared/datasets/emodb] [--out work/emodb-opensmile-egemapsv02.csv]
"""
import argparse
import csv
import pathlib
import sys

import opensmile


def main() -> int:
    repo = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, default=repo / "../shared/datasets/emodb",
                        help="EmoDB folder holding wav/ (default: ../shared/datasets/emodb)")
    parser.add_argument("--out", type=pathlib.Path, default=repo / "work/emodb-opensmile-egemapsv02.csv",
                        help="CSV to write (default: work/emodb-opensmile-egemapsv02.csv)")
    args = parser.parse_args()
    files = sorted((args.root / "wav").glob("*.wav"))
    if not files:
        print(f"{args.root / 'wav'}: no WAV files; give the EmoDB folder with --root", file=sys.stderr)
        return 1
    smile = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02,
                            feature_level=opensmile.FeatureLevel.Functionals)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    partial = args.out.with_name(args.out.name + ".tmp")
    with partial.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id"] + list(smile.feature_names))
        for path in files:
            row = smile.process_file(str(path)).iloc[0]
            # repr() of a float is its shortest round-trip text, so nothing is lost on the way.
            writer.writerow([path.stem] + [repr(float(v)) for v in row.values])
    partial.replace(args.out)
    print(f"wrote {len(files)} rows × {len(smile.feature_names)} features to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
