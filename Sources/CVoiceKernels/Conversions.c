// Sample format conversions on the decoding path, compiled per instruction set (Swift's
// loops for them run two values per instruction, SSE2). Each conversion is exact or rounds
// to nearest as IEEE 754 defines it, so every variant gives the same bits.
#include <stdint.h>

#include "Dispatch.h"
#include "VoiceKernels.h"

FV_INLINE void int16_to_double(const int16_t *x, long count, double scale, double *out) {
  for (long i = 0; i < count; i++) out[i] = (double)x[i] * scale;
}

FV_INLINE void double_to_float(const double *x, long count, float *out) {
  for (long i = 0; i < count; i++) out[i] = (float)x[i];
}

#if FV_X86_VARIANTS
FV_TARGET_AVX512 static void int16_to_double_avx512(const int16_t *x, long count, double scale, double *out) {
  int16_to_double(x, count, scale, out);
}
FV_TARGET_AVX2 static void int16_to_double_avx2(const int16_t *x, long count, double scale, double *out) {
  int16_to_double(x, count, scale, out);
}
FV_TARGET_AVX512 static void double_to_float_avx512(const double *x, long count, float *out) {
  double_to_float(x, count, out);
}
FV_TARGET_AVX2 static void double_to_float_avx2(const double *x, long count, float *out) {
  double_to_float(x, count, out);
}
#endif

void fv_int16_to_double(const int16_t *x, long count, double scale, double *out) {
#if FV_X86_VARIANTS
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: int16_to_double_avx512(x, count, scale, out); return;
  case FV_AVX2: int16_to_double_avx2(x, count, scale, out); return;
  default: break;
  }
#endif
  int16_to_double(x, count, scale, out);
}

void fv_double_to_float(const double *x, long count, float *out) {
#if FV_X86_VARIANTS
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: double_to_float_avx512(x, count, out); return;
  case FV_AVX2: double_to_float_avx2(x, count, out); return;
  default: break;
  }
#endif
  double_to_float(x, count, out);
}
