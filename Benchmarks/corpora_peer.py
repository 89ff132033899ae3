"""Python peer of corpora-bench: the same metadata scan of a CREMA-D-layout folder
(list AudioWAV/, parse names, join VideoDemographics.csv and summaryTable.csv votes),
written the way a researcher would with the standard library. Usage:
    python3 corpora_peer.py /tmp/facevalue-corpora-bench   # folder made by corpora-bench
"""
import csv
import os
import re
import statistics
import sys
import time

NAME = re.compile(r"^(\d{4})_(DFA|IEO|IOM|ITH|ITS|IWL|IWW|MTI|TAI|TIE|TSI|WSI)_(ANG|DIS|FEA|HAP|NEU|SAD)_(LO|MD|HI|XX)\.wav$")
VOTES = {"A": "anger", "D": "disgust", "F": "fear", "H": "happiness", "N": "neutral", "S": "sadness"}


def load(root):
    with open(os.path.join(root, "VideoDemographics.csv"), newline="") as f:
        demo = {r["ActorID"]: r for r in csv.DictReader(f)}
    with open(os.path.join(root, "processedResults", "summaryTable.csv"), newline="") as f:
        votes = {r["FileName"]: r for r in csv.DictReader(f)}
    samples = []
    for name in sorted(os.listdir(os.path.join(root, "AudioWAV"))):
        m = NAME.match(name)
        if not m:
            continue
        stem = name[:-4]
        d, v = demo.get(m.group(1), {}), votes[stem]
        samples.append((stem, m.group(1), VOTES[v["VoiceVote"]], d.get("Sex"), d.get("Age"), d.get("Race")))
    return samples


root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/facevalue-corpora-bench"
times = []
for _ in range(7):
    start = time.perf_counter()
    n = len(load(root))
    times.append(time.perf_counter() - start)
print(f"python peer: {n} clips, median {statistics.median(times):.3f} s, min {min(times):.3f} s")
