// Polyphase resampling: the dot products of PolyphaseBank.swift (which explains the layout).
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// Outputs r … r + group − 1 of one period, each accumulated in its own 8-lane vector
/// (so an output's value does not depend on the group size chosen for the CPU).
FV_INLINE void outputs(const double *window, const double *filters, const long *offsets, long r, long width,
                       int group, double *out) {
  v8d s[8] = {{0}};
  for (long j = 0; j < width; j += 8) {
    for (int i = 0; i < group; i++) {
      s[i] += load8(window + offsets[r + i] + j) * load8(filters + (r + i) * width + j);
    }
  }
  for (int i = 0; i < group; i++) out[r + i] = sum8(s[i]);
}

/// Rows of a block of 32 filters (32 × 72 taps: 18 kB) stay in L1 while the input streams
/// past, instead of every output fetching a different row of the whole table.
FV_INLINE void resample(const double *x, const double *filters, const long *offsets, long up, long down, long width,
                        long count, double *y, int group) {
  const long block = 32;
  long periods = (count + up - 1) / up;
  for (long first = 0; first < up; first += block) {
    long last = first + block < up ? first + block : up;
    for (long q = 0; q < periods; q++) {
      const double *window = x + q * down;
      double *out = y + q * up;
      long end = count - q * up < last ? count - q * up : last;
      long r = first;
      for (; r + group <= end; r += group) outputs(window, filters, offsets, r, width, group, out);
      for (; r < end; r++) outputs(window, filters, offsets, r, width, 1, out);
    }
  }
}

#if FV_X86_VARIANTS
FV_TARGET_AVX512 static void resample_avx512(const double *x, const double *h, const long *o, long up, long down,
                                             long width, long count, double *y) {
  resample(x, h, o, up, down, width, count, y, 8);
}
FV_TARGET_AVX2 static void resample_avx2(const double *x, const double *h, const long *o, long up, long down,
                                         long width, long count, double *y) {
  resample(x, h, o, up, down, width, count, y, 4);
}
#endif

void fv_polyphase_resample(const double *x, const double *filters, const long *offsets, long up, long down,
                           long width, long count, double *out) {
#if FV_X86_VARIANTS
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: resample_avx512(x, filters, offsets, up, down, width, count, out); return;
  case FV_AVX2: resample_avx2(x, filters, offsets, up, down, width, count, out); return;
  default: break;
  }
#endif
  resample(x, filters, offsets, up, down, width, count, out, 2);  // 16 SSE registers: two outputs at a time
}
