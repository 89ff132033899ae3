// A C interface over dlib's face detector and 68-point shape predictor, FFmpeg's video
// decoding and dlib's JPEG/PNG loaders, for the Swift `Face` target. Every function catches
// every C++ exception and reports it through its error buffer: nothing is thrown across it.
// The functions live in libFaceValueTracker.so; the Swift side calls them through
// CFaceTrackerLoader, which loads that library on first use (FaceTrackerLibrary.h).
#ifndef FACEVALUE_FACE_TRACKER_H
#define FACEVALUE_FACE_TRACKER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Landmarks of the iBUG 300-W scheme that the shape predictor fits.
enum { FV_LANDMARKS = 68 };

/// A decoded picture: 8-bit RGB, rows of `stride` bytes (owned by whoever made it).
typedef struct {
  const uint8_t *pixels;
  int width;
  int height;
  int stride;
} fv_rgb_image;

/// One face found in a picture: its detection box in pixels (left, top, right, bottom as
/// dlib gives them), the detector's score (an SVM margin, at least the threshold 0; not a
/// probability), and the 68 points, 0-based pixel coordinates.
typedef struct {
  double left, top, right, bottom;
  double score;
  /// 1 when the face was found only after upsampling the picture once.
  int upsampled;
  double x[FV_LANDMARKS];
  double y[FV_LANDMARKS];
} fv_face;

/// A frontal face detector (HOG + linear SVM) with a 68-point shape predictor.
typedef struct fv_tracker fv_tracker;

/// Loads the shape predictor model at `model_path`; NULL with `error` filled on failure.
/// The tracker runs FaceValue's implementation of dlib's detector and predictor.
fv_tracker *fv_tracker_create(const char *model_path, char *error, size_t error_size);
/// The same with dlib's own detector and predictor classes: the same faces, bit for bit,
/// several times slower; what the tests hold FaceValue's implementation to.
fv_tracker *fv_reference_tracker_create(const char *model_path, char *error, size_t error_size);
/// 1 when the face detector compiled into the tracker (FrontalFilters.inc) is the installed
/// dlib's, decoded from its own compressed copy; 0 with `error` saying where they differ.
int fv_tracker_check_detector(char *error, size_t error_size);
/// Reads the shape predictor model at `model_path` twice, with FaceValue's reader and with
/// dlib's, and compares every value to the bit: how many values the file holds, or -1 with
/// `error` naming the first that differs.
long fv_model_reader_check(const char *model_path, char *error, size_t error_size);
/// A tracker for another thread that shares the loaded model (trackers are not thread-safe).
fv_tracker *fv_tracker_clone(const fv_tracker *tracker, char *error, size_t error_size);
void fv_tracker_destroy(fv_tracker *tracker);

/// Finds the faces in `image` and fits their points: the detector runs on the picture
/// as it is, and once more on the picture upsampled twice when that finds nothing. Writes
/// at most `capacity` faces, largest box first; returns how many were found (which may exceed
/// `capacity`), or -1 with `error` filled.
int fv_tracker_find(
  fv_tracker *tracker, fv_rgb_image image, fv_face *faces, int capacity, char *error, size_t error_size);

/// A video opened for decoding, one frame at a time.
typedef struct fv_video fv_video;

/// Opens the first video stream of the file at `path`; NULL with `error` filled when the file
/// cannot be opened, holds no video stream, or has no decoder.
fv_video *fv_video_open(const char *path, char *error, size_t error_size);
void fv_video_close(fv_video *video);
/// The stream's nominal frame rate (0 when the container does not say).
double fv_video_frame_rate(const fv_video *video);
/// Decodes the next frame into `image` (valid until the next call) and its time in seconds
/// from the stream's start. Returns 1 for a frame, 0 at the end of the stream, -1 with
/// `error` filled when the stream is corrupt or cannot be converted.
int fv_video_next(fv_video *video, fv_rgb_image *image, double *seconds, char *error, size_t error_size);
/// The container's stated duration in seconds (-1 when it does not say).
double fv_video_duration(const fv_video *video);
/// Packets the decoder rejected so far (damaged or truncated data it skipped).
int fv_video_damaged_packets(const fv_video *video);
/// The first error FFmpeg reported about this video so far, as "component: message" (empty
/// when none). FFmpeg's log lines are not printed; this is where they go.
const char *fv_video_problem(const fv_video *video);

/// A still image decoded by dlib's loaders (JPEG, PNG, BMP, GIF; chosen by content).
typedef struct fv_still fv_still;

/// Loads the image at `path`; NULL with `error` filled when it is not a readable image.
fv_still *fv_still_load(const char *path, char *error, size_t error_size);
void fv_still_free(fv_still *still);
fv_rgb_image fv_still_image(const fv_still *still);

#ifdef __cplusplus
}
#endif

#endif
