// Single-precision vectors of 16, 8 and 4 lanes and their integer masks, for the solvers'
// float kernels (CSolverKernels: the logistic Hessian product, the MLP's products and
// softmax); Vector8.h holds the double-precision ones. A lane count is fixed whatever the
// instruction set, so arithmetic written with them is the same on every machine. No
// alignment is assumed.
#ifndef FACEVALUE_FLOAT_VECTORS_H
#define FACEVALUE_FLOAT_VECTORS_H

#include "KernelDispatch.h"

#pragma clang diagnostic ignored "-Wpsabi"

typedef float v16f __attribute__((vector_size(64), aligned(4)));
typedef float v8f __attribute__((vector_size(32), aligned(4)));
typedef float v4f __attribute__((vector_size(16), aligned(4)));
typedef int v16i __attribute__((vector_size(64), aligned(4)));
typedef int v8i __attribute__((vector_size(32), aligned(4)));
typedef int v4i __attribute__((vector_size(16), aligned(4)));

FV_INLINE v16f splat16(float s) { return (v16f){s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s}; }
FV_INLINE v8f splat8f(float s) { return (v8f){s, s, s, s, s, s, s, s}; }
FV_INLINE v4f splat4f(float s) { return (v4f){s, s, s, s}; }

#endif
