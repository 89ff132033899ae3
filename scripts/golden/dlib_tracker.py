#!/usr/bin/env python3
"""The reference for `facevalue track`: dlib's Python binding, the same 68-point model, the
same detection rule, on the same frames and photos.

Create its venv once (pinned versions; see the file for building dlib from source instead):
    python3 -m venv /tmp/dlib-venv
    /tmp/dlib-venv/bin/pip install -r scripts/golden/dlib_tracker_requirements.txt
Then, from the repository root, after scripts/fetch-test-media:
    /tmp/dlib-venv/bin/python scripts/golden/dlib_tracker.py golden
        writes Tests/FaceTests/Golden/dlib_tracker.csv: for every frame of the six CREMA-D
        clips and for the seven photos in Tests/Media/cache, the points of the largest face
    /tmp/dlib-venv/bin/python scripts/golden/dlib_tracker.py bench FILE...
        tracks the videos one after another on one thread and prints frames, seconds and
        peak memory (the Python pipeline of Benchmarks/tracker/compare.sh)
    /tmp/dlib-venv/bin/python scripts/golden/dlib_tracker.py count FILE...
        prints the number of decoded frames

Detection rule (as in the facial-expressions landmark release): detector.run(img, 0, 0.0);
when that finds nothing, detector.run(img, 1, 0.0); the largest box by area is fitted.
Videos are decoded by PyAV (FFmpeg) to rgb24 through swscale, as FaceValue does; photos by
OpenCV's imread, converted BGR to RGB, as the facial-expressions landmarks were made.
The model is Debian libdlib-data's /usr/share/dlib/shape_predictor_68_face_landmarks.dat
(or $FACEVALUE_DLIB_MODEL).
"""
import csv
import os
import resource
import sys
import time
from pathlib import Path

import av
import cv2
import dlib
import numpy as np

MODEL = os.environ.get("FACEVALUE_DLIB_MODEL", "/usr/share/dlib/shape_predictor_68_face_landmarks.dat")
CACHE = Path("Tests/Media/cache")
CLIPS = [f"1001_DFA_{e}_XX.flv" for e in ["ANG", "DIS", "FEA", "HAP", "NEU", "SAD"]]
PHOTOS = ["obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "obama_partial_face.jpg", "obama_partial_face2.jpg", "32bit.png"]

detector = dlib.get_frontal_face_detector()
predictor = dlib.shape_predictor(MODEL)


def largest_face(rgb):
    """The 68 points of the largest face, or None."""
    boxes, _, _ = detector.run(rgb, 0, 0.0)
    if len(boxes) == 0:
        boxes, _, _ = detector.run(rgb, 1, 0.0)
    if len(boxes) == 0:
        return None
    # Largest area first; ties keep the detector's order, as FaceValue does.
    box = max(enumerate(boxes), key=lambda item: (item[1].area(), -item[0]))[1]
    shape = predictor(rgb, box)
    return [(shape.part(k).x, shape.part(k).y) for k in range(68)]


def frames(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "SLICE"
        stream.codec_context.thread_count = 1
        for frame in container.decode(stream):
            yield np.ascontiguousarray(frame.to_ndarray(format="rgb24"))


def golden():
    out = Path("Tests/FaceTests/Golden/dlib_tracker.csv")
    with out.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["file", "frame", "found"] + [f"x_{k}" for k in range(68)] + [f"y_{k}" for k in range(68)])

        def write(name, number, points):
            if points is None:
                writer.writerow([name, number, 0] + [""] * 136)
            else:
                writer.writerow([name, number, 1] + [p[0] for p in points] + [p[1] for p in points])

        for clip in CLIPS:
            for number, rgb in enumerate(frames(CACHE / clip), start=1):
                write(clip, number, largest_face(rgb))
        for photo in PHOTOS:
            bgr = cv2.imread(str(CACHE / photo), cv2.IMREAD_COLOR)
            write(photo, 1, largest_face(np.ascontiguousarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))))
    print(f"wrote {out} (dlib {dlib.__version__}, PyAV {av.__version__}, OpenCV {cv2.__version__})")


def bench(paths):
    start = time.perf_counter()
    count = 0
    for path in paths:
        for rgb in frames(path):
            largest_face(rgb)
            count += 1
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"python-dlib frames={count} seconds={seconds:.3f} fps={count / seconds:.1f} peak_rss_mb={peak:.0f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["golden"]:
        golden()
    elif sys.argv[1:2] == ["bench"]:
        bench(sys.argv[2:])
    elif sys.argv[1:2] == ["count"]:
        print(sum(1 for path in sys.argv[2:] for _ in frames(path)))
    else:
        sys.exit(__doc__)
