// Polyphase resampling: sixteen consecutive outputs of a period per vector, in single
// precision (the layout and the precision argument are PolyphaseBank.swift's).
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

// Sixteen floats (one AVX-512 register, two AVX2, four SSE), and the same as doubles.
typedef float v16f __attribute__((vector_size(64), aligned(4)));
typedef double v16d __attribute__((vector_size(128), aligned(8)));

/// Outputs 16b … 16b + 15 of periods q … q + together − 1: lane k of acc[g] sums
/// taps[i][k] · x[(q + g)·down + base + i] over i < span in order, so every output is one
/// sequential sum however many periods run together (only that depends on the CPU).
FV_INLINE void group_outputs(const float *x, const float *taps, long base, long span, long down, long q,
                             int together, v16f *acc) {
  for (int g = 0; g < together; g++) acc[g] = (v16f){0};
  const float *window = x + q * down + base;
  for (long i = 0; i < span; i++) {
    v16f h;
    __builtin_memcpy(&h, taps + i * 16, sizeof h);
    for (int g = 0; g < together; g++) acc[g] += h * window[g * down + i];
  }
}

FV_INLINE void resample(const float *x, const float *groups, const long *bases, long span, long up, long down,
                        long count, double *y, int together) {
  long periods = (count + up - 1) / up, groupCount = (up + 15) / 16;
  // Group by group, so its taps (span × 16 values, 6 kB for 22.05 → 16 kHz) stay in L1.
  for (long b = 0; b < groupCount; b++) {
    const float *taps = groups + b * span * 16;
    long r0 = b * 16, rows = up - r0 < 16 ? up - r0 : 16;
    for (long q = 0; q < periods; q += together) {
      int g = periods - q < together ? (int)(periods - q) : together;
      v16f acc[8];
      if (g == together) group_outputs(x, taps, bases[b], span, down, q, together, acc);
      else for (int i = 0; i < g; i++) group_outputs(x, taps, bases[b], span, down, q + i, 1, acc + i);
      for (int i = 0; i < g; i++) {
        long first = (q + i) * up + r0;  // output index of lane 0
        v16d wide = __builtin_convertvector(acc[i], v16d);
        if (rows == 16 && first + 16 <= count) {
          __builtin_memcpy(y + first, &wide, sizeof wide);
        } else {
          for (long k = 0; k < rows && first + k < count; k++) y[first + k] = wide[k];
        }
      }
    }
  }
}

#if FV_X86_VARIANTS
FV_TARGET_AVX512 static void resample_avx512(const float *x, const float *h, const long *o, long span, long up,
                                             long down, long count, double *y) {
  resample(x, h, o, span, up, down, count, y, 8);
}
// AVX2 holds a 16-lane vector in two of its 16 registers: four periods at a time.
FV_TARGET_AVX2 static void resample_avx2(const float *x, const float *h, const long *o, long span, long up,
                                         long down, long count, double *y) {
  resample(x, h, o, span, up, down, count, y, 4);
}
#endif

void fv_polyphase_resample(const float *x, const float *groups, const long *bases, long span, long up, long down,
                           long count, double *out) {
#if FV_X86_VARIANTS
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: resample_avx512(x, groups, bases, span, up, down, count, out); return;
  case FV_AVX2: resample_avx2(x, groups, bases, span, up, down, count, out); return;
  default: break;
  }
#endif
  resample(x, groups, bases, span, up, down, count, out, 2);  // 16 SSE registers: two periods at a time
}
