#!/usr/bin/env python3
"""Chance test and nested model selection: FaceValue against scikit-learn, every model, on
EmoDB egemaps-like features and on RAVDESS-sized synthetic data, timed side by side.

    python3 Benchmarks/refits/compare.py [--rounds 3] [--permutations 20] [--models a,b]

Needs `scripts/build` (the facevalue binary) and a Python with scikit-learn (e.g. the
shared venv: `python3 -m venv VENV && VENV/bin/pip install scikit-learn numpy pyyaml`).
For each dataset x model x task the two tools run alternately `--rounds` times and the
medians are compared. FaceValue's time is the stage's wall time from provenance.json
(`<run>: chance test` or `<run>: cross-validation`), the peer's the wall time of its
`permutation_test_score` or `cross_val_predict(GridSearchCV)` call: both without process
start-up and data loading. Both use every core (2 workers for scikit-learn, --jobs).
Prints a Markdown table.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FACEVALUE_MODELS = {
    "logistic_regression": ("{logistic_regression: {c: 1.0}}", "{logistic_regression: {c: [0.1, 1.0, 10.0]}, inner_folds: 3}"),
    "svm": ("{svm: {c: 1.0}}", "{svm: {c: [0.1, 1.0, 10.0]}, inner_folds: 3}"),
    "lda": ("{lda: {}}", None),
    "ridge": ("{ridge: {alpha: 1.0}}", "{ridge: {alpha: [0.1, 1.0, 10.0]}, inner_folds: 3}"),
    "knn": ("{knn: {k: 5}}", "{knn: {k: [3, 5, 9]}, inner_folds: 3}"),
    "naive_bayes": ("{naive_bayes: {}}", "{naive_bayes: {var_smoothing: [1.0e-9, 1.0e-6, 1.0e-3]}, inner_folds: 3}"),
    "mlp": ("{mlp: {}}", "{mlp: {alpha: [1.0e-4, 1.0e-2, 1.0]}, inner_folds: 3}"),
}


def emodb_data(binary, dataset, work):
    """egemaps-like table of EmoDB (extracted once) and the peer's matrix of its complete rows."""
    table = work / "emodb-egemaps-like.csv"
    if not table.exists():
        subprocess.run([binary, "features", "--set", "egemaps-like", "--corpus", "emodb", "--root", dataset,
                        "--out", table], check=True, stdout=subprocess.DEVNULL)
    rows = list(csv.reader(open(table)))
    header, body = rows[0], rows[1:]
    first = header.index("text") + 1
    classes = sorted({r[2] for r in body})
    matrix = work / "emodb-matrix.csv"
    with open(matrix, "w") as f:
        f.write(",".join(["subject", "label"] + header[first:]) + "\n")
        for r in body:
            if all(v not in ("", "NA") for v in r[first:]):
                f.write(",".join([r[1], str(classes.index(r[2]))] + r[first:]) + "\n")
    corpus = f"emodb: {{root: {dataset}}}"
    features = f"{{table: {table}, exclude: [subject, label, sex, age, age_group, text]}}"
    return corpus, features, matrix


def ravdess_sized_data(work):
    folder = work / "ravdess-sized"
    if not (folder / "features.csv").exists():
        subprocess.run([sys.executable, ROOT / "scripts/golden/ravdess_sized.py", "--csv", folder, "--no-golden"],
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    manifest = list(csv.reader(open(folder / "manifest.csv")))[1:]
    features = list(csv.reader(open(folder / "features.csv")))
    classes = sorted({r[2] for r in manifest})
    matrix = work / "ravdess-sized-matrix.csv"
    with open(matrix, "w") as f:
        f.write(",".join(["subject", "label"] + features[0][1:]) + "\n")
        for m, r in zip(manifest, features[1:]):
            f.write(",".join([m[1], str(classes.index(m[2]))] + r[1:]) + "\n")
    return f"manifest: {{path: {folder / 'manifest.csv'}}}", f"{{table: {folder / 'features.csv'}}}", matrix


def facevalue(binary, work, name, corpus, features, model, permutations):
    """Runs one experiment; returns the seconds of its chance test or cross-validation stage."""
    config = work / f"{name}.yaml"
    config.write_text(
        f"name: {name}\nseed: 1\ncorpus:\n  {corpus}\nmodality: voice\nfeatures: {{voice: {features}}}\n"
        f"model: {model}\nprotocol: leave_one_subject_out\n"
        f"statistics: {{bootstrap: 0, permutations: {permutations}, group_permutations: 0}}\n")
    subprocess.run([binary, "run", config, "--output", work / "out"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    stages = json.load(open(work / "out" / name / "provenance.json"))["stages"]
    wanted = "voice: chance test" if permutations else "voice: cross-validation"
    return next(s["seconds"] for s in stages if s["name"] == wanted)


def peer(python, task, matrix, model, count, jobs):
    out = subprocess.run([python, HERE / "peer.py", task, matrix, model, str(count), "--jobs", str(jobs)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/facevalue"))
    parser.add_argument("--dataset", default=str(ROOT.parent / "shared/datasets/emodb"))
    parser.add_argument("--python", default=sys.executable, help="the Python with scikit-learn")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "facevalue-refits-compare"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--permutations", type=int, default=20)
    parser.add_argument("--models", default=",".join(FACEVALUE_MODELS))
    parser.add_argument("--datasets", default="emodb,ravdess-sized")
    parser.add_argument("--tasks", default="permutations,nested")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sources = {"emodb": lambda: emodb_data(args.binary, args.dataset, work), "ravdess-sized": lambda: ravdess_sized_data(work)}
    print(f"| data | task | model | FaceValue (s) | scikit-learn (s) | ratio |\n|---|---|---|---:|---:|---:|")
    for dataset in args.datasets.split(","):
        corpus, features, matrix = sources[dataset]()
        for task in args.tasks.split(","):
            for model in args.models.split(","):
                single, grid = FACEVALUE_MODELS[model]
                if task == "nested" and grid is None:
                    continue
                ours, theirs = [], []
                for _ in range(args.rounds):
                    name = f"{dataset}-{model}-{task}"
                    if task == "permutations":
                        ours.append(facevalue(args.binary, work, name, corpus, features, single, args.permutations))
                        theirs.append(peer(args.python, task, matrix, model, args.permutations, args.jobs))
                    else:
                        ours.append(facevalue(args.binary, work, name, corpus, features, grid, 0))
                        theirs.append(peer(args.python, task, matrix, model, 3, args.jobs))
                a, b = statistics.median(ours), statistics.median(theirs)
                label = f"{args.permutations} permutations" if task == "permutations" else "nested, 3 inner folds"
                print(f"| {dataset} | {label} | {model} | {a:.3f} | {b:.2f} | {b / a:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
