#!/usr/bin/env python3
"""Whole experiment: `facevalue run experiments/emodb-egemaps.yaml` against the Python
pipeline doing the same work (pipeline_peer.py: openSMILE + scikit-learn + fairlearn),
each timed as a whole process, alternately, `--rounds` times; medians and their ratio.

    python3 Benchmarks/refits/compare_pipeline.py [--rounds 3] [--python VENV/bin/python]

Needs `scripts/build` and a Python with opensmile, scikit-learn, fairlearn, scipy.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/facevalue"))
    parser.add_argument("--dataset", default=str(ROOT.parent / "shared/datasets/emodb"))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="facevalue-pipeline-"))
    ours, theirs, stages = [], [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        # --no-cache: the features are measured every round, as the peer measures them.
        subprocess.run([args.binary, "run", ROOT / "experiments/emodb-egemaps.yaml", "--output", work, "--no-cache"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours.append(time.perf_counter() - start)
        stages.append({s["name"]: s["seconds"] for s in json.load(open(work / "emodb-egemaps/provenance.json"))["stages"]})
        start = time.perf_counter()
        out = subprocess.run([args.python, HERE / "pipeline_peer.py", args.dataset, "--jobs", str(args.jobs)],
                             check=True, capture_output=True, text=True).stdout
        theirs.append(time.perf_counter() - start)
        peer = json.loads(out)["seconds"]
        print(f"round: FaceValue {ours[-1]:.2f} s {stages[-1]}; Python {theirs[-1]:.2f} s {peer}", flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"| whole emodb-egemaps experiment | {a:.2f} s | {b:.2f} s | {b / a:.1f}x |")


if __name__ == "__main__":
    main()
