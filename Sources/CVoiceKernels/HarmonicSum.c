// Subharmonic summation of one octave-scale spectrum (SubharmonicSummation.swift): the
// spectrum plus its weighted copies shifted down by each harmonic's distance, in one pass
// over the points, eight points per vector. Each point's terms are added in order of the
// harmonic, and the total in a fixed order, so every variant gives the same bits.
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// The first `count` values at p (all 8 when count ≥ 8, none when count ≤ 0), zeros after.
FV_INLINE v8d load_available8(const double *p, long count) {
  return count >= 8 ? load8(p) : count > 0 ? load_partial8(p, count) : (v8d){0};
}

/// The points j … j + count − 1 (count ≤ 8; lanes past `count` hold zeros).
FV_INLINE v8d harmonic_sum8(const double *spectrum, long n, long j, long count, const long *shifts,
                            const double *weights, long harmonics, double scale) {
  v8d sum = load_partial8(spectrum + j, count);
  for (long h = 0; h < harmonics; h++) {
    long available = n - shifts[h] - j;  // points of this vector whose shifted point exists
    if (available <= 0) break;           // shifts ascend: no later harmonic reaches either
    // A missing point adds w·0 = +0, which leaves a sum of non-negative values unchanged.
    sum = sum + load_available8(spectrum + j + shifts[h], available < count ? available : count) * weights[h];
  }
  sum = sum * scale;
  return select8((v8l)(sum >= 0.0), sum, (v8d){0});  // Swift's max(0, sum): NaN becomes 0
}

/// Points j … j + 31 as four independent vectors (one vector's chain of additions would
/// wait on each addition's latency); the same sums as harmonic_sum8 for each.
FV_INLINE void harmonic_sum32(const double *spectrum, long n, long j, const long *shifts, const double *weights,
                              long harmonics, double scale, double *out, v8d *total) {
  const double *x = spectrum + j;
  v8d a0 = load8(x), a1 = load8(x + 8), a2 = load8(x + 16), a3 = load8(x + 24);
  for (long h = 0; h < harmonics; h++) {
    long available = n - shifts[h] - j;
    if (available <= 0) break;
    const double *p = x + shifts[h];
    double w = weights[h];
    if (available >= 32) {
      a0 = a0 + load8(p) * w, a1 = a1 + load8(p + 8) * w, a2 = a2 + load8(p + 16) * w, a3 = a3 + load8(p + 24) * w;
    } else {
      a0 = a0 + load_available8(p, available) * w, a1 = a1 + load_available8(p + 8, available - 8) * w;
      a2 = a2 + load_available8(p + 16, available - 16) * w, a3 = a3 + load_available8(p + 24, available - 24) * w;
    }
  }
  v8d a[4] = {a0 * scale, a1 * scale, a2 * scale, a3 * scale};
  for (int v = 0; v < 4; v++) {
    a[v] = select8((v8l)(a[v] >= 0.0), a[v], (v8d){0});
    store8(out + j + 8 * v, a[v]);
    *total = *total + a[v];
  }
}

FV_INLINE double harmonic_sum(const double *spectrum, long n, const long *shifts, const double *weights,
                              long harmonics, double scale, double *out) {
  v8d total = {0};
  long j = 0;
  for (; j + 32 <= n; j += 32) harmonic_sum32(spectrum, n, j, shifts, weights, harmonics, scale, out, &total);
  for (; j + 8 <= n; j += 8) {
    v8d sum = harmonic_sum8(spectrum, n, j, 8, shifts, weights, harmonics, scale);
    store8(out + j, sum);
    total = total + sum;
  }
  if (j < n) {
    v8d sum = harmonic_sum8(spectrum, n, j, n - j, shifts, weights, harmonics, scale);
    for (long i = j; i < n; i++) out[i] = sum[i - j];
    total = total + sum;
  }
  return ((total[0] + total[1]) + (total[2] + total[3])) + ((total[4] + total[5]) + (total[6] + total[7]));
}

FV_DISPATCH_RETURNING(double, fv_harmonic_sum, (const double *spectrum, long n, const long *shifts, const double *weights, long harmonics, double scale, double *out), (spectrum, n, shifts, weights, harmonics, scale, out), harmonic_sum)
