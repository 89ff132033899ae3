// The face tracker is built as its own shared library, libFaceValueTracker.so, and loaded
// only by the processes that track faces (CFaceTrackerLoader): linking dlib and FFmpeg
// into the executable made every command load about 140 shared libraries at start-up.
// The library exports one symbol, `fv_tracker_library_functions`: this table of the
// functions FaceTracker.h declares. Everything else in it is hidden.
#ifndef FACEVALUE_FACE_TRACKER_LIBRARY_H
#define FACEVALUE_FACE_TRACKER_LIBRARY_H

#include "FaceTracker.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Changes whenever the table or a function's meaning changes, so a loader never calls a
/// library built from other sources.
enum { FV_TRACKER_LIBRARY_VERSION = 1 };

typedef struct {
  int version;
  fv_tracker *(*tracker_create)(const char *model_path, char *error, size_t error_size);
  fv_tracker *(*reference_tracker_create)(const char *model_path, char *error, size_t error_size);
  int (*tracker_check_detector)(char *error, size_t error_size);
  long (*model_reader_check)(const char *model_path, char *error, size_t error_size);
  fv_tracker *(*tracker_clone)(const fv_tracker *tracker, char *error, size_t error_size);
  void (*tracker_destroy)(fv_tracker *tracker);
  int (*tracker_find)(fv_tracker *tracker, fv_rgb_image image, fv_face *faces, int capacity, char *error, size_t error_size);
  fv_video *(*video_open)(const char *path, char *error, size_t error_size);
  void (*video_close)(fv_video *video);
  double (*video_frame_rate)(const fv_video *video);
  int (*video_next)(fv_video *video, fv_rgb_image *image, double *seconds, char *error, size_t error_size);
  double (*video_duration)(const fv_video *video);
  int (*video_damaged_packets)(const fv_video *video);
  const char *(*video_problem)(const fv_video *video);
  fv_still *(*still_load)(const char *path, char *error, size_t error_size);
  void (*still_free)(fv_still *still);
  fv_rgb_image (*still_image)(const fv_still *still);
} fv_tracker_library;

/// The library's functions (the one exported symbol).
__attribute__((visibility("default"))) const fv_tracker_library *fv_tracker_library_functions(void);

#ifdef __cplusplus
}
#endif

#endif
