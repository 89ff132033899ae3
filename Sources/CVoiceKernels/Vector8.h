// Eight-lane double vectors for the kernels. Their lane count is fixed whatever the
// instruction set (AVX-512 holds one in a register, AVX2 two, SSE2 four), so arithmetic
// written with them is the same arithmetic on every machine.
#ifndef FACEVALUE_VECTOR8_H
#define FACEVALUE_VECTOR8_H

#include "KernelDispatch.h"

// Vector arguments and returns of these helpers are always inlined, so no call crosses
// an ABI boundary (clang warns that AVX vectors would change the ABI if one did).
#pragma clang diagnostic ignored "-Wpsabi"

// No alignment requirement: loads and stores may start at any element.
typedef double v8d __attribute__((vector_size(64), aligned(8)));
typedef long v8l __attribute__((vector_size(64), aligned(8)));

FV_INLINE v8d load8(const double *p) {
  v8d v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

FV_INLINE void store8(double *p, v8d v) { __builtin_memcpy(p, &v, sizeof v); }

/// The first `count` (< 8) elements at p, zeros after them.
FV_INLINE v8d load_partial8(const double *p, long count) {
  v8d v = {0};
  for (long i = 0; i < count; i++) v[i] = p[i];
  return v;
}

/// `mask ? a : b` lane by lane (mask lanes are all ones or all zeros).
FV_INLINE v8d select8(v8l mask, v8d a, v8d b) { return (v8d)(((v8l)a & mask) | ((v8l)b & ~mask)); }

#endif
