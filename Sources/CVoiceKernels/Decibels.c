// Power to decibels, 10·log10(max(x, floor)), eight values per step, with a logarithm of
// our own so that every instruction set (and every libm) gives the same bits.
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// Natural logarithm of positive, finite, normal x, within about one ulp: x = 2^e·m with
/// m in (√½, √2], ln m = 2·atanh(s) = 2s + 2s·(s²/3 + s⁴/5 + …), s = (m − 1)/(m + 1),
/// |s| ≤ 0.172, so eleven terms reach double precision; e·ln 2 is added in two parts, the
/// high part exact (the reduction of fdlibm's e_log.c, Sun Microsystems 1993).
FV_INLINE v8d natural_log(v8d x) {
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  v8l bits = (v8l)x;
  v8l e = ((bits >> 52) & 0x7ff) - 1023;
  v8d m = (v8d)((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L);  // in [1, 2)
  v8l high = (v8l)(m > 1.4142135623730951);
  m = select8(high, m * 0.5, m);
  e = e + (high & 1);
  v8d s = (m - 1.0) / (m + 1.0), z = s * s;
  v8d p = (v8d){0} + 1.0 / 23;
  for (int k = 21; k >= 3; k -= 2) p = p * z + 1.0 / k;
  p = p * z;
  v8d twice = s + s;
  v8d f = __builtin_convertvector(e, v8d);
  return f * ln2_hi + (twice + (twice * p + f * ln2_lo));
}

/// scale · ln(max(x, floor)) lane by lane; NaN (whose comparisons are false) and +inf pass
/// through unchanged. `floor` must be a positive normal number.
FV_INLINE v8d decibels8(v8d x, double floor, double scale) {
  x = select8((v8l)(x < floor), (v8d){0} + floor, x);
  v8l finite = (v8l)(x <= __DBL_MAX__);
  return select8(finite, natural_log(x) * scale, x);
}

FV_INLINE double decibels(double *values, long count, double floor) {
  const double scale = 4.3429448190325182765;  // 10 / ln 10
  double peak = -__builtin_inf();
  long i = 0;
  v8d top = (v8d){0} - __builtin_inf();
  for (; i + 8 <= count; i += 8) {
    v8d db = decibels8(load8(values + i), floor, scale);
    store8(values + i, db);
    top = select8((v8l)(db > top), db, top);
  }
  for (int j = 0; j < 8; j++) peak = top[j] > peak ? top[j] : peak;
  if (i < count) {  // the tail, through the same vector code on a padded copy
    v8d db = decibels8(load_partial8(values + i, count - i), floor, scale);
    for (long j = i; j < count; j++) {
      values[j] = db[j - i];
      peak = db[j - i] > peak ? db[j - i] : peak;
    }
  }
  return peak;
}

FV_DISPATCH_RETURNING(double, fv_decibels, (double *values, long count, double floor), (values, count, floor), decibels)
