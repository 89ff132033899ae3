// The multilayer perceptron's softmax output (MultilayerPerceptron+Kernels.swift), with
// single-precision exp computed eight values at a time by the algorithm of glibc's expf
// (from Arm's optimized-routines: exp(x) = 2^(k/32)·2^(r/32), a 32-entry table and a cubic
// in double precision), step for step as glibc's FMA build (`__expf_fma`) runs it, so
// every result is glibc's bit for bit: `scripts/check-expf` compares all 2³² single-precision
// inputs with this machine's glibc (PerceptronSoftmaxTests checks a sample). Calling expf once per value
// was 4 % of an MLP fit, and the rest of the scalar loop another 5 %.
#include <math.h>
#include <stdint.h>

#include "FloatVectors.h"
#include "SolverKernels.h"
#include "Vector8.h"

#pragma STDC FP_CONTRACT OFF

// 2^(i/32) for i = 0…31, each with i << 47 subtracted from its bits, so that adding k << 47
// to entry k mod 32 scales it by 2^⌊k/32⌋ (glibc's __exp2f_data.tab).
static const uint64_t exp2_table[32] = {
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51, 0x3fef72b83c7d517b,
    0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1, 0x3fef06fe0a31b715, 0x3feef1a7373aa9cb,
    0x3feedea64c123422, 0x3feece086061892d, 0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429,
    0x3feea47eb03a5585, 0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d, 0x3feee89f995ad3ad,
    0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069, 0x3fef5818dcfba487, 0x3fef7c97337b9b5f,
    0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
};

FV_INLINE v8f select(v8i mask, v8f a, v8f b) { return (v8f)((mask & (v8i)a) | (~mask & (v8i)b)); }

// expf of eight values. Outside glibc's fast path (|x| ≥ 88 or NaN) it returns what glibc's
// special cases do: 0 below log(2^-150) and at −∞, x + x for NaN, +∞ above log(2^128).
// Between those bounds the fast path gives glibc's results there too, including the
// smallest subnormal that glibc's "may underflow" case returns down to log(2^-150).
FV_INLINE v8f exp8(v8f xf) {
  const double scaled_inverse_ln2 = 0x1.71547652b82fep+0 * 32, shift = 0x1.8p+52;
  const double c0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32, c1 = 0x1.ebfce50fac4f3p-3 / 32 / 32, c2 = 0x1.62e42ff0c52d6p-1 / 32;
  v8d x = __builtin_convertvector(xf, v8d);
  v8d kd = __builtin_elementwise_fma(splat8(scaled_inverse_ln2), x, splat8(shift));
  v8l ki = (v8l)kd;
  kd = kd - splat8(shift);
  v8d r = __builtin_elementwise_fma(splat8(scaled_inverse_ln2), x, -kd);
  v8l t;
  for (int l = 0; l < 8; l++) t[l] = (long)exp2_table[ki[l] & 31];
  t += ki << 47;
  v8d z = __builtin_elementwise_fma(r, splat8(c0), splat8(c1));
  v8d r2 = r * r;
  v8d y = __builtin_elementwise_fma(r, splat8(c2), splat8(1.0));
  y = __builtin_elementwise_fma(z, r2, y);
  y = y * (v8d)t;
  v8f result = __builtin_convertvector(y, v8f);
  result = select(xf < splat8f(-0x1.9fe368p6f), splat8f(0), result);
  result = select(xf > splat8f(0x1.62e42ep6f), splat8f(INFINITY), result);
  return select(xf != xf, xf + xf, result);
}

// exp of `count` values in place: exp8 with FMA instructions, glibc's own expf without
// (whose results there may differ from the FMA build's in rare last bits, as the
// products' do).
FV_INLINE void exps(const int fused, float *s, long count) {
  long e = 0;
  if (fused) {
    for (; e + 8 <= count; e += 8) {
      v8f x;
      __builtin_memcpy(&x, s + e, sizeof x);
      x = exp8(x);
      __builtin_memcpy(s + e, &x, sizeof x);
    }
    if (e < count) {
      v8f x = splat8f(0);
      for (long l = 0; e + l < count; l++) x[l] = s[e + l];
      x = exp8(x);
      for (long l = 0; e + l < count; l++) s[e + l] = x[l];
    }
  } else {
    for (; e < count; e++) s[e] = expf(s[e]);
  }
}

// Column j of eight rows k apart, and back.
FV_INLINE v8f column(const float *s, long k, long j) {
  v8f v;
  for (int l = 0; l < 8; l++) v[l] = s[l * k + j];
  return v;
}
FV_INLINE void set_column(float *s, long k, long j, v8f v) {
  for (int l = 0; l < 8; l++) s[l * k + j] = v[l];
}

// Eight rows of eight become eight columns.
FV_DEFINE_TRANSPOSE8(transpose8f, v8f)

// Eight rows of eight classes (the usual case) in registers: rows in, transposed, the
// softmax on the columns, transposed back.
FV_INLINE void softmax8x8(float *block, const float *biases) {
  v8f c[8];
  for (int l = 0; l < 8; l++) __builtin_memcpy(&c[l], block + 8 * l, sizeof c[l]);
  transpose8f(c);
  v8f maximum = splat8f(-INFINITY), sum = splat8f(0);
  for (int j = 0; j < 8; j++) {
    c[j] += splat8f(biases[j]);
    maximum = select(c[j] >= maximum, c[j], maximum);
  }
  for (int j = 0; j < 8; j++) {
    c[j] = exp8(c[j] - maximum);
    sum += c[j];
  }
  for (int j = 0; j < 8; j++) c[j] /= sum;
  transpose8f(c);
  for (int l = 0; l < 8; l++) __builtin_memcpy(block + 8 * l, &c[l], sizeof c[l]);
}

// Each of `rows` rows of k scores: add the biases, subtract the row's maximum (y ≥ m ? y : m
// from −∞ in order, as Swift.max), exp, sum in order, divide by the sum. With FMA
// instructions eight rows at a time, one row per lane, so the maximum's and the sum's
// chains of dependent operations run side by side (row by row they bounded the loop); each
// row's operations are the same, in the same order.
FV_INLINE void softmax(const int fused, float *s, long rows, long k, const float *biases) {
  long i = 0;
  if (fused) {
    for (; k == 8 && i + 8 <= rows; i += 8) softmax8x8(s + i * k, biases);
    for (; i + 8 <= rows; i += 8) {
      float *block = s + i * k;
      v8f maximum = splat8f(-INFINITY), sum = splat8f(0);
      for (long j = 0; j < k; j++) {
        v8f v = column(block, k, j) + splat8f(biases[j]);
        maximum = select(v >= maximum, v, maximum);
        set_column(block, k, j, v);
      }
      for (long j = 0; j < k; j++) {
        v8f v = exp8(column(block, k, j) - maximum);
        sum += v;
        set_column(block, k, j, v);
      }
      for (long j = 0; j < k; j++) set_column(block, k, j, column(block, k, j) / sum);
    }
  }
  for (long r = i; r < rows; r++) {
    float *row = s + r * k, maximum = -INFINITY;
    for (long j = 0; j < k; j++) {
      row[j] += biases[j];
      maximum = row[j] >= maximum ? row[j] : maximum;
    }
    for (long j = 0; j < k; j++) row[j] -= maximum;
  }
  exps(fused, s + i * k, (rows - i) * k);
  for (long r = i; r < rows; r++) {
    float *row = s + r * k, sum = 0;
    for (long j = 0; j < k; j++) sum += row[j];
    for (long j = 0; j < k; j++) row[j] /= sum;
  }
}

FV_DISPATCH_FUSED(fv_softmax_rows, (float *s, long rows, long k, const float *biases), softmax, s, rows, k, biases)
FV_DISPATCH_FUSED(fv_exp_floats, (float *s, long count), exps, s, count)
