// Compiled without the tracker's instruction-set flags, so it can run on any x86-64
// processor and say whether the rest can.
#include "FaceTrackerLoader.h"

int fv_tracker_cpu_supported(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx") ? 1 : 0;
#else
  return 1;
#endif
}
