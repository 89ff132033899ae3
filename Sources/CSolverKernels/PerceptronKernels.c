// The multilayer perceptron's element-wise loops (MultilayerPerceptron+Kernels.swift and
// +Adam.swift): Adam's update, the ReLU and its derivative, the weight gradients' penalty,
// the bias gradients' means, the minibatch's gather and small transposes. Every operation
// is the one the Swift code wrote out, in the same order and precision, element by element (sums run over rows, one column per
// lane), so the results are the same bits on every instruction set; the wide variants only
// do more elements per instruction than Swift's baseline SSE2 code.
#include "SolverKernels.h"
#include "KernelDispatch.h"

#pragma STDC FP_CONTRACT OFF

FV_INLINE void adam(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long count,
                    double rate) {
  const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  const float c1 = (float)(1 - 0.9), c2 = (float)(1 - 0.999);
  for (long e = 0; e < count; e++) {
    float me = b1 * m[e] + c1 * g[e];
    float ve = b2 * v[e] + c2 * (g[e] * g[e]);
    m[e] = me;
    v[e] = ve;
    double denominator = (double)(__builtin_sqrtf(ve) + eps);
    double step = rate * (double)me / denominator;
    p[e] = (float)((double)p[e] - step);
  }
}

FV_INLINE void rectify(float *h, long rows, long width, long stride, const float *biases) {
  for (long i = 0; i < rows; i++) {
    float *row = h + i * stride;
    for (long j = 0; j < width; j++) {
      float value = row[j] + biases[j];
      row[j] = value >= 0 ? value : 0;  // Swift.max(0, value): NaN and −0 as it treats them
    }
  }
}

FV_INLINE void zero_where_off(float *back, const float *hidden, long count) {
  for (long e = 0; e < count; e++) back[e] = hidden[e] <= 0 ? 0 : back[e];
}

FV_INLINE void weight_gradient(const float *product, long stride, const float *weights, long rows, long columns,
                               float alpha, float samples, float *out) {
  for (long r = 0; r < rows; r++) {
    const float *source = product + r * stride, *w = weights + r * columns;
    float *g = out + r * columns;
    for (long j = 0; j < columns; j++) g[j] = (source[j] + alpha * w[j]) / samples;
  }
}

FV_INLINE void mean_rows(const float *delta, long rows, long columns, long stride, float *mean) {
  for (long j = 0; j < columns; j++) mean[j] = 0;
  for (long r = 0; r < rows; r++)
    for (long j = 0; j < columns; j++) mean[j] += delta[r * stride + j];
  float n = (float)rows;
  for (long j = 0; j < columns; j++) mean[j] /= n;
}

// Copies of fixed sizes compile to a few vector moves; a copy of a variable count would
// become a call to memmove per row (252 bytes for 63 features), which cost more than the
// copying.
FV_INLINE void gather_rows(const float *x, long width, const long *indices, long count, float *out) {
  for (long r = 0; r < count; r++) {
    const float *from = x + indices[r] * width;
    float *to = out + r * width;
    long j = 0;
    for (; j + 16 <= width; j += 16) __builtin_memcpy_inline(to + j, from + j, 16 * sizeof(float));
    if (width - j >= 8) __builtin_memcpy_inline(to + j, from + j, 8 * sizeof(float)), j += 8;
    if (width - j >= 4) __builtin_memcpy_inline(to + j, from + j, 4 * sizeof(float)), j += 4;
    if (width - j >= 2) __builtin_memcpy_inline(to + j, from + j, 2 * sizeof(float)), j += 2;
    if (width - j >= 1) to[j] = from[j];
  }
}

FV_INLINE void transpose(const float *in, long rows, long columns, float *out) {
  for (long i = 0; i < rows; i++)
    for (long j = 0; j < columns; j++) out[j * rows + i] = in[i * columns + j];
}

FV_DISPATCH(fv_transpose, (const float *in, long rows, long columns, float *out), (in, rows, columns, out), transpose)
FV_DISPATCH(fv_gather_rows, (const float *x, long width, const long *indices, long count, float *out),
            (x, width, indices, count, out), gather_rows)
FV_DISPATCH(fv_adam_update, (float *p, const float *g, float *m, float *v, long count, double rate),
            (p, g, m, v, count, rate), adam)
FV_DISPATCH(fv_add_biases_and_rectify, (float *h, long rows, long width, long stride, const float *biases),
            (h, rows, width, stride, biases), rectify)
FV_DISPATCH(fv_zero_where_off, (float *back, const float *hidden, long count), (back, hidden, count), zero_where_off)
FV_DISPATCH(fv_weight_gradient,
            (const float *product, long stride, const float *weights, long rows, long columns, float alpha,
             float samples, float *out),
            (product, stride, weights, rows, columns, alpha, samples, out), weight_gradient)
FV_DISPATCH(fv_mean_rows, (const float *delta, long rows, long columns, long stride, float *mean),
            (delta, rows, columns, stride, mean), mean_rows)
