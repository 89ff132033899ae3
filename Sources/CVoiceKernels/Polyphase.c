// Polyphase resampling: eight consecutive outputs of a period per vector (the layout is
// PolyphaseBank.swift's).
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// Outputs 8b … 8b + 7 of periods q … q + together − 1: lane k of acc[g] sums
/// taps[i][k] · x[(q + g)·down + base + i] over i < span in order, so every output is one
/// sequential sum however many periods run together (only that depends on the CPU).
FV_INLINE void group_outputs(const double *x, const double *taps, long base, long span, long down, long q,
                             int together, v8d *acc) {
  for (int g = 0; g < together; g++) acc[g] = (v8d){0};
  const double *window = x + q * down + base;
  for (long i = 0; i < span; i++) {
    v8d h = load8(taps + i * 8);
    for (int g = 0; g < together; g++) acc[g] += h * window[g * down + i];
  }
}

FV_INLINE void resample(const double *x, const double *groups, const long *bases, long span, long up, long down,
                        long count, double *y, int together) {
  long periods = (count + up - 1) / up, groupCount = (up + 7) / 8;
  // Group by group, so its taps (span × 8 values, 5 kB for 22.05 → 16 kHz) stay in L1.
  for (long b = 0; b < groupCount; b++) {
    const double *taps = groups + b * span * 8;
    long r0 = b * 8, rows = up - r0 < 8 ? up - r0 : 8;
    for (long q = 0; q < periods; q += together) {
      int g = periods - q < together ? (int)(periods - q) : together;
      v8d acc[8];
      if (g == together) group_outputs(x, taps, bases[b], span, down, q, together, acc);
      else for (int i = 0; i < g; i++) group_outputs(x, taps, bases[b], span, down, q + i, 1, acc + i);
      for (int i = 0; i < g; i++) {
        long first = (q + i) * up + r0;  // output index of lane 0
        if (rows == 8 && first + 8 <= count) {
          store8(y + first, acc[i]);
        } else {
          for (long k = 0; k < rows && first + k < count; k++) y[first + k] = acc[i][k];
        }
      }
    }
  }
}

#if FV_X86_VARIANTS
FV_TARGET_AVX512 static void resample_avx512(const double *x, const double *h, const long *o, long span, long up,
                                             long down, long count, double *y) {
  resample(x, h, o, span, up, down, count, y, 8);
}
// AVX2 holds an 8-lane vector in two of its 16 registers: four periods at a time.
FV_TARGET_AVX2 static void resample_avx2(const double *x, const double *h, const long *o, long span, long up,
                                         long down, long count, double *y) {
  resample(x, h, o, span, up, down, count, y, 4);
}
#endif

void fv_polyphase_resample(const double *x, const double *groups, const long *bases, long span, long up, long down,
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
