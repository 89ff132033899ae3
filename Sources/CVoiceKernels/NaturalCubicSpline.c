// The natural cubic spline's sweeps and evaluation (NaturalCubicSpline.swift has the method
// and the tables), eight frames side by side, one per lane. Swift compiles its SIMD8 for
// SSE2, four instructions per operation; here an AVX-512 register holds all eight. Each
// lane does the operations the Swift code wrote, in its order, so every variant gives the
// same bits as it did.
#include "VoiceKernels.h"
#include "Vector8.h"

#pragma STDC FP_CONTRACT OFF

/// c[0]·y[lo] + c[1]·y[lo+1] + c[2]·y''[lo] + c[3]·y''[lo+1], summed left to right.
FV_INLINE v8d splint(const v8d *y, const v8d *second, long lo, const double *c) {
  return splat8(c[0]) * load8((const double *)(y + lo)) + splat8(c[1]) * load8((const double *)(y + lo + 1)) +
         splat8(c[2]) * load8((const double *)(second + lo)) + splat8(c[3]) * load8((const double *)(second + lo + 1));
}

FV_INLINE void spline_interpolate(const double *const *values, long count, long n, const double *inverseWidth,
                                  const double *rightHand, const double *carry, const double *factor,
                                  const long *lower, const double *weights, long points, double *const *outputs,
                                  double *scratch) {
  v8d *y = (v8d *)scratch, *second = y + n;
  // The value sets side by side (knot-major); a missing lane repeats the last set.
  const double *lane[8];
  for (long l = 0; l < 8; l++) lane[l] = values[l < count ? l : count - 1];
  long i = 0;
  for (; i + 8 <= n; i += 8) {  // eight knots of every frame, turned knot-major
    v8d r[8];
    for (int l = 0; l < 8; l++) r[l] = load8(lane[l] + i);
    transpose8(r);
    for (int q = 0; q < 8; q++) store8((double *)(y + i + q), r[q]);
  }
  for (; i < n; i++) {
    v8d v;
    for (long l = 0; l < 8; l++) v[l] = lane[l][i];
    store8((double *)(y + i), v);
  }
  // Right-hand sides, the forward sweep u[i] = rhs[i] − carry[i]·u[i−1], then the back
  // substitution y''[k] = factor[k]·y''[k+1] + u[k].
  v8d previousSlope = (load8((double *)(y + 1)) - load8((double *)y)) * splat8(inverseWidth[0]);
  for (long i = 1; i < n - 1; i++) {
    v8d slope = (load8((double *)(y + i + 1)) - load8((double *)(y + i))) * splat8(inverseWidth[i]);
    store8((double *)(second + i), splat8(rightHand[i]) * (slope - previousSlope));
    previousSlope = slope;
  }
  v8d u = {0};
  store8((double *)second, u);
  for (long i = 1; i < n - 1; i++) {
    u = load8((double *)(second + i)) - splat8(carry[i]) * u;
    store8((double *)(second + i), u);
  }
  v8d next = {0};
  store8((double *)(second + n - 1), next);
  for (long k = n - 2; k >= 0; k--) {
    next = splat8(factor[k]) * next + load8((double *)(second + k));
    store8((double *)(second + k), next);
  }
  // splint at every point: four weights of y[lo], y[lo+1], y''[lo], y''[lo+1].
  long j = 0;
  for (; j + 8 <= points; j += 8) {  // eight points, turned frame-major for the stores
    v8d r[8];
    for (int q = 0; q < 8; q++) r[q] = splint(y, second, lower[j + q], weights + 4 * (j + q));
    transpose8(r);
    for (long l = 0; l < count; l++) store8(outputs[l] + j, r[l]);
  }
  for (; j < points; j++) {
    v8d v = splint(y, second, lower[j], weights + 4 * j);
    double out[8];
    store8(out, v);
    for (long l = 0; l < count; l++) outputs[l][j] = out[l];
  }
}

FV_DISPATCH(fv_spline_interpolate,
            (const double *const *values, long count, long n, const double *inverseWidth, const double *rightHand,
             const double *carry, const double *factor, const long *lower, const double *weights, long points,
             double *const *outputs, double *scratch),
            (values, count, n, inverseWidth, rightHand, carry, factor, lower, weights, points, outputs, scratch),
            spline_interpolate)
