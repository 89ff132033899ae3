// Sample format conversions on the decoding path, compiled per instruction set (Swift's
// loops for them run two values per instruction, SSE2). Each conversion is exact or rounds
// to nearest as IEEE 754 defines it, so every variant gives the same bits.
#include <stdint.h>

#include "KernelDispatch.h"
#include "VoiceKernels.h"

FV_INLINE void int16_to_double(const int16_t *x, long count, double scale, double *out) {
  for (long i = 0; i < count; i++) out[i] = (double)x[i] * scale;
}

FV_INLINE void double_to_float(const double *x, long count, float *out) {
  for (long i = 0; i < count; i++) out[i] = (float)x[i];
}

FV_DISPATCH(fv_int16_to_double, (const int16_t *x, long count, double scale, double *out), (x, count, scale, out), int16_to_double)

FV_DISPATCH(fv_double_to_float, (const double *x, long count, float *out), (x, count, out), double_to_float)
