// Eight-lane double vectors for the C kernels (CVoiceKernels, CSolverKernels). Their lane count is fixed whatever the
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

FV_INLINE v8d splat8(double s) { return (v8d){s, s, s, s, s, s, s, s}; }

/// The first `count` (< 8) elements at p, zeros after them.
FV_INLINE v8d load_partial8(const double *p, long count) {
  v8d v = {0};
  for (long i = 0; i < count; i++) v[i] = p[i];
  return v;
}

/// `mask ? a : b` lane by lane (mask lanes are all ones or all zeros).
FV_INLINE v8d select8(v8l mask, v8d a, v8d b) { return (v8d)(((v8l)a & mask) | ((v8l)b & ~mask)); }

/// Defines `NAME(TYPE r[8])`, for any vector type of 8 lanes: rows r[0…7] become columns,
/// r[j][p] moving to r[p][j]: three rounds of interleaving, at distance 1, 2, then 4 lanes
/// (the usual register transpose). Moves only.
#define FV_DEFINE_TRANSPOSE8(NAME, TYPE)                                                          \
  FV_INLINE void NAME(TYPE r[8]) {                                                                \
    TYPE a[8], b[8];                                                                              \
    for (int k = 0; k < 4; k++) {                                                                 \
      a[2 * k] = __builtin_shufflevector(r[2 * k], r[2 * k + 1], 0, 8, 2, 10, 4, 12, 6, 14);      \
      a[2 * k + 1] = __builtin_shufflevector(r[2 * k], r[2 * k + 1], 1, 9, 3, 11, 5, 13, 7, 15);  \
    }                                                                                             \
    for (int h = 0; h < 8; h += 4) {                                                              \
      for (int k = 0; k < 2; k++) {                                                               \
        b[h + k] = __builtin_shufflevector(a[h + k], a[h + k + 2], 0, 1, 8, 9, 4, 5, 12, 13);     \
        b[h + k + 2] = __builtin_shufflevector(a[h + k], a[h + k + 2], 2, 3, 10, 11, 6, 7, 14, 15); \
      }                                                                                           \
    }                                                                                             \
    for (int k = 0; k < 4; k++) {                                                                 \
      r[k] = __builtin_shufflevector(b[k], b[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);                   \
      r[k + 4] = __builtin_shufflevector(b[k], b[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);             \
    }                                                                                             \
  }

FV_DEFINE_TRANSPOSE8(transpose8, v8d)

#endif
