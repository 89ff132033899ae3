#!/usr/bin/env python3
"""Growth benchmark: one experiment on synthetic corpora of growing size, timed per stage.

Runs `facevalue run` on synthetic corpora the size of EmoDB (10 speakers, 7 emotions, 560
clips), 4x and 16x that, and one the size of CREMA-D (91 actors, 6 emotions, 7,644 clips),
each with voice, face and both, five subject-grouped folds, cluster-bootstrap intervals of
1,000 replicates (`interval: bootstrap`; the default jackknife draws none), 9,999 group-gap
permutations, the standard verdicts and PERMUTATIONS refitted chance-test permutations,
and prints one Markdown table row per
stage: wall time, CPU time (all threads) and the peak resident memory during the stage, as
provenance.json records them, plus the whole process's wall time, CPU time and peak memory
and the load average (1 min) before and after.

    python3 Benchmarks/growth/growth.py --binary .build/release/facevalue --work /tmp/growth \
        [--sizes 1x,4x,16x,crema-d] [--permutations 1000] [--model ridge|logistic]

The model defaults to the ridge classifier: the benchmark measures how the runner's work
(feature measurement, refits, resampling, units) grows with the corpus, not a classifier,
and a ridge refit is closed-form: a Gram matrix (n·d² multiply-adds for n rows and d
columns) and a d×d Cholesky solve, so at fixed columns its work grows linearly with the rows
and the benchmark's work is known in advance. Logistic
regression's L-BFGS takes more iterations on larger folds, which mixes the classifier's
convergence into the figure (and makes 1,000 permutations at 16x take many CPU hours).

Standard library only (no venv needed). Corpora are synthesised into WORK once and reused;
every run starts with an empty feature cache, so feature measurement is timed too.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

SIZES = {
    # label: (subjects, clips per emotion, emotions)
    "1x": (10, 8, 7),
    "4x": (40, 8, 7),
    "16x": (160, 8, 7),
    "crema-d": (91, 14, 6),
}
EMOTIONS = ["neutral", "anger", "happiness", "sadness", "fear", "disgust", "boredom"]


MODELS = {"ridge": "ridge: {alpha: 1.0}", "logistic": "logistic_regression: {c: 1.0}"}


def config(label, subjects, clips, emotions, permutations, model):
    return f"""name: growth-{label}
seed: 11
corpus:
  synthetic:
    folder: corpus-{label}
    subjects: {subjects}
    clips_per_emotion: {clips}
    emotions: [{", ".join(EMOTIONS[:emotions])}]
    clip_seconds: 1.0
    frames: 20
    attributes:
      sex: {{female: 0.5, male: 0.5}}
    voice_signal: 0.5
    face_signal: 0.5
modalities: [voice, face, both]
model:
  {MODELS[model]}
protocol: {{stratified_group_k_fold: {{folds: 5}}}}
groups: [sex]
statistics: {{interval: bootstrap, bootstrap: 1000, permutations: {permutations}, group_permutations: 9999}}
"""


def run(binary, work, label, permutations, model):
    subjects, clips, emotions = SIZES[label]
    path = os.path.join(work, f"growth-{label}.yaml")
    with open(path, "w") as f:
        f.write(config(label, subjects, clips, emotions, permutations, model))
    cache = os.path.join(work, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([binary, "run", path, "--output", os.path.join(work, "out"), "--cache", cache, "--quiet"],
                   check=True, cwd=work, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    with open(os.path.join(work, "out", f"growth-{label}", "provenance.json")) as f:
        stages = json.load(f)["stages"]
    with open(os.path.join(work, "out", f"growth-{label}", "metrics.json")) as f:
        samples = json.load(f)["corpus"]["samples"]
    # The process's peak is the largest of its stages' peaks (each stage resets VmHWM);
    # ru_maxrss of children would be the largest child so far, not this one's.
    peak = max((stage.get("peakResidentBytes") or 0) for stage in stages)
    return samples, wall, cpu, peak, stages


def mb(n):
    return f"{n / 1048576:.0f} MB" if n is not None else "-"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--sizes", default="1x,4x,16x,crema-d")
    parser.add_argument("--permutations", type=int, default=1000)
    parser.add_argument("--model", choices=sorted(MODELS), default="ridge")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    binary = os.path.abspath(args.binary)
    print("| corpus | clips | stage | wall | CPU | peak memory |")
    print("|---|---:|---|---:|---:|---:|")
    for label in args.sizes.split(","):
        load_before = os.getloadavg()[0]
        samples, wall, cpu, peak, stages = run(binary, args.work, label, args.permutations, args.model)
        load_after = os.getloadavg()[0]
        for stage in stages:
            print(f"| {label} | {samples:,} | {stage['name']} | {stage['seconds']:.1f} s | "
                  f"{stage.get('cpuSeconds', 0):.1f} s | {mb(stage.get('peakResidentBytes'))} |")
        print(f"| {label} | {samples:,} | **whole run** ({args.permutations} permutations) | **{wall:.1f} s** | "
              f"**{cpu:.1f} s** | **{mb(peak)}** |")
        print(f"| {label} | {samples:,} | load average (1 min) before, after | {load_before:.1f} | {load_after:.1f} | |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
