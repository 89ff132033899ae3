// The table libFaceValueTracker.so exports (FaceTrackerLibrary.h).
#include "FaceTrackerLibrary.h"

extern "C" const fv_tracker_library *fv_tracker_library_functions(void) {
  static const fv_tracker_library functions = {
    FV_TRACKER_LIBRARY_VERSION,
    fv_tracker_create,
    fv_reference_tracker_create,
    fv_tracker_check_detector,
    fv_model_reader_check,
    fv_tracker_clone,
    fv_tracker_destroy,
    fv_tracker_find,
    fv_video_open,
    fv_video_close,
    fv_video_frame_rate,
    fv_video_next,
    fv_video_duration,
    fv_video_damaged_packets,
    fv_video_problem,
    fv_still_load,
    fv_still_free,
    fv_still_image,
  };
  return &functions;
}
