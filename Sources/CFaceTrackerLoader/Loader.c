// FaceTracker.h's functions, each a call through the table of libFaceValueTracker.so
// (FaceTrackerLibrary.h), which is loaded on the first call that can report an error.
#define _GNU_SOURCE
#include "FaceTrackerLoader.h"
#include "../CFaceTracker/include/FaceTrackerLibrary.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __APPLE__
#include <mach-o/dyld.h>
static const char library_name[] = "libFaceValueTracker.dylib";
#else
static const char library_name[] = "libFaceValueTracker.so";
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const fv_tracker_library *functions = NULL;
static char load_problem[PATH_MAX + 512];

/// The folder of the running executable (or test bundle), with a trailing slash; "" when
/// the system does not say.
static void executable_folder(char *folder, size_t size) {
  char path[PATH_MAX] = "";
#ifdef __APPLE__
  uint32_t length = sizeof(path);
  if (_NSGetExecutablePath(path, &length) != 0) path[0] = 0;
#else
  ssize_t length = readlink("/proc/self/exe", path, sizeof(path) - 1);
  path[length > 0 ? length : 0] = 0;
#endif
  char *slash = strrchr(path, '/');
  if (slash != NULL) slash[1] = 0; else path[0] = 0;
  snprintf(folder, size, "%s", path);
}

static void load(void) {
  char path[PATH_MAX + 64];
  const char *chosen = getenv("FACEVALUE_TRACKER_LIBRARY");
  if (chosen != NULL && chosen[0] != 0) {
    snprintf(path, sizeof(path), "%s", chosen);
  } else {
    char folder[PATH_MAX];
    executable_folder(folder, sizeof(folder));
    snprintf(path, sizeof(path), "%s%s", folder, library_name);
  }
  if (!fv_tracker_cpu_supported()) {
    snprintf(load_problem, sizeof(load_problem), "this processor lacks AVX, which the tracker is built for");
    return;
  }
  void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    const char *reason = dlerror();
    snprintf(
      load_problem, sizeof(load_problem),
      "cannot load the tracker library: %s (scripts/build builds it next to facevalue; "
      "keep the two together, or set FACEVALUE_TRACKER_LIBRARY to its path)",
      reason != NULL ? reason : path);
    return;
  }
  const fv_tracker_library *(*table)(void) =
    (const fv_tracker_library *(*)(void))dlsym(library, "fv_tracker_library_functions");
  if (table == NULL) {
    snprintf(load_problem, sizeof(load_problem), "%s is not FaceValue's tracker library (no fv_tracker_library_functions)", path);
    return;
  }
  const fv_tracker_library *loaded = table();
  if (loaded == NULL || loaded->version != FV_TRACKER_LIBRARY_VERSION) {
    snprintf(
      load_problem, sizeof(load_problem), "%s was built from another FaceValue version (interface %d, this executable needs %d)",
      path, loaded == NULL ? 0 : loaded->version, (int)FV_TRACKER_LIBRARY_VERSION);
    return;
  }
  functions = loaded;
}

int fv_tracker_library_load(char *error, size_t error_size) {
  pthread_once(&load_once, load);
  if (functions != NULL) return 1;
  if (error != NULL && error_size > 0) snprintf(error, error_size, "%s", load_problem);
  return 0;
}

fv_tracker *fv_tracker_create(const char *model_path, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->tracker_create(model_path, error, error_size) : NULL;
}

fv_tracker *fv_reference_tracker_create(const char *model_path, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->reference_tracker_create(model_path, error, error_size) : NULL;
}

int fv_tracker_check_detector(char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->tracker_check_detector(error, error_size) : 0;
}

long fv_model_reader_check(const char *model_path, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->model_reader_check(model_path, error, error_size) : -1;
}

fv_tracker *fv_tracker_clone(const fv_tracker *tracker, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->tracker_clone(tracker, error, error_size) : NULL;
}

int fv_tracker_find(fv_tracker *tracker, fv_rgb_image image, fv_face *faces, int capacity, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->tracker_find(tracker, image, faces, capacity, error, error_size)
                                                    : -1;
}

fv_video *fv_video_open(const char *path, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->video_open(path, error, error_size) : NULL;
}

int fv_video_next(fv_video *video, fv_rgb_image *image, double *seconds, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->video_next(video, image, seconds, error, error_size) : -1;
}

fv_still *fv_still_load(const char *path, char *error, size_t error_size) {
  return fv_tracker_library_load(error, error_size) ? functions->still_load(path, error, error_size) : NULL;
}

// The calls below take an object the library made, so it is loaded.

void fv_tracker_destroy(fv_tracker *tracker) {
  if (tracker != NULL) functions->tracker_destroy(tracker);
}

void fv_video_close(fv_video *video) {
  if (video != NULL) functions->video_close(video);
}

double fv_video_frame_rate(const fv_video *video) { return video == NULL ? 0 : functions->video_frame_rate(video); }

double fv_video_duration(const fv_video *video) { return video == NULL ? -1 : functions->video_duration(video); }

int fv_video_damaged_packets(const fv_video *video) { return video == NULL ? 0 : functions->video_damaged_packets(video); }

const char *fv_video_problem(const fv_video *video) { return video == NULL ? "" : functions->video_problem(video); }

void fv_still_free(fv_still *still) {
  if (still != NULL) functions->still_free(still);
}

fv_rgb_image fv_still_image(const fv_still *still) {
  if (still == NULL) {
    fv_rgb_image empty = {NULL, 0, 0, 0};
    return empty;
  }
  return functions->still_image(still);
}
