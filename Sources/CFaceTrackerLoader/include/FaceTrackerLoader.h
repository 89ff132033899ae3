// Loads libFaceValueTracker.so (the face tracker with dlib and FFmpeg) on first use and
// defines the functions of FaceTracker.h as calls into it, so only the processes that
// track faces load those libraries.
#ifndef FACEVALUE_FACE_TRACKER_LOADER_H
#define FACEVALUE_FACE_TRACKER_LOADER_H

#include "../../CFaceTracker/include/FaceTracker.h"

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this processor runs the instructions the tracker was compiled for (AVX), else 0.
/// Checked before the library is loaded: its code may use AVX from the start.
int fv_tracker_cpu_supported(void);

/// Loads the tracker library once per process: `$FACEVALUE_TRACKER_LIBRARY` when set, else
/// libFaceValueTracker.so in the folder of the running executable. 1 when it is loaded; 0
/// with `error` saying which file and why not (every call after a failure says the same).
int fv_tracker_library_load(char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
