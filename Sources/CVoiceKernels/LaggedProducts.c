// Lagged products of one block of a signal, Σ_j x[j]·x[j+τ] for every lag τ at once: the
// autocorrelation term of YIN's difference function (PitchTracker). One lag per lane, so
// each lag's sum is a plain sequential sum in order of j, the same in every variant.
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// Lags lag … lag + 31 (four vectors of eight side by side, so four independent chains of
/// additions hide each other's latency).
FV_INLINE void lags32(const double *x, long length, long lag, double *out) {
  v8d a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
  for (long j = 0; j < length; j++) {
    v8d xj = (v8d){0} + x[j];
    const double *y = x + j + lag;
    a0 = a0 + xj * load8(y);
    a1 = a1 + xj * load8(y + 8);
    a2 = a2 + xj * load8(y + 16);
    a3 = a3 + xj * load8(y + 24);
  }
  store8(out + lag, a0);
  store8(out + lag + 8, a1);
  store8(out + lag + 16, a2);
  store8(out + lag + 24, a3);
}

/// Lags lag … lag + 7.
FV_INLINE void lags8(const double *x, long length, long lag, double *out) {
  v8d a = {0};
  for (long j = 0; j < length; j++) a = a + ((v8d){0} + x[j]) * load8(x + j + lag);
  store8(out + lag, a);
}

FV_INLINE void lagged_products(const double *x, long length, long lags, double *out) {
  if (lags < 8) {  // fewer lags than a vector: the same sums one lag at a time
    for (long lag = 0; lag < lags; lag++) {
      double sum = 0;
      for (long j = 0; j < length; j++) sum = sum + x[j] * x[j + lag];
      out[lag] = sum;
    }
    return;
  }
  // The last group overlaps the one before it instead of running past `lags`: a lag's sum
  // does not depend on which group computes it, so the overlap only repeats work.
  long width = lags >= 32 ? 32 : 8;
  for (long lag = 0; lag < lags; lag += width) {
    long start = lag + width <= lags ? lag : lags - width;
    if (width == 32) lags32(x, length, start, out);
    else lags8(x, length, start, out);
  }
}

FV_DISPATCH(fv_lagged_products, (const double *x, long length, long lags, double *out), (x, length, lags, out), lagged_products)
