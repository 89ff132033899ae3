// The multinomial logistic Hessian-vector product of SolverKernels.h, in one pass over a
// block of 16 rows at a time: the forward product XV in registers (rows in lanes), the
// projection, then XᵀU accumulated row by row while the block is in cache. This replaces two
// BLAS calls whose products are only k (about 8) columns wide, where BLAS's small-matrix
// kernels run far below peak, and the pass over the rows between them.
#include "FloatVectors.h"
#include "SolverKernels.h"

#pragma STDC FP_CONTRACT OFF

FV_INLINE v16f load16(const float *p) {
  v16f v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

FV_INLINE void store16(float *p, v16f v) { __builtin_memcpy(p, &v, sizeof v); }

FV_INLINE void hessian_product(const float *columns, const float *rows, const float *probabilities,
                               const float *weights, long blocks, long features, long paddedFeatures, long classes,
                               const float *direction, const float *shift, float *scratch, float *back,
                               double *sums) {
  const long K = (classes + 7) / 8 * 8;
  for (long i = 0; i < K * paddedFeatures; i++) back[i] = 0;
  float *totals = scratch + K * 16;  // per class, each lane's Σ uᵢⱼ over the blocks so far
  for (long i = 0; i < K * 16; i++) totals[i] = 0;
  for (long b = 0; b < blocks; b++) {
    const float *xt = columns + b * features * 16;
    // aⱼ = Σₗ xₗ·Vₗⱼ + shiftⱼ for the block's 16 rows, eight classes at a time, l in order.
    for (long j0 = 0; j0 < K; j0 += 8) {
      v16f a[8] = {{0}};  // a constant trip count: unrolled, kept in registers
      for (long l = 0; l < features; l++) {
        v16f x = load16(xt + l * 16);
        const float *v = direction + l * K + j0;
        for (int q = 0; q < 8; q++) a[q] += x * splat16(v[q]);
      }
      for (int q = 0; q < 8; q++) store16(scratch + (j0 + q) * 16, a[q] + splat16(shift[j0 + q]));
    }
    // uⱼ = w·pⱼ·(aⱼ − Σₖ pₖaₖ), classes in order; padded classes have p = 0.
    const float *p = probabilities + b * K * 16;
    v16f mean = {0};
    for (long j = 0; j < K; j++) mean += load16(p + j * 16) * load16(scratch + j * 16);
    v16f w = load16(weights + b * 16);
    for (long j = 0; j < K; j++) {
      v16f u = w * load16(p + j * 16) * (load16(scratch + j * 16) - mean);
      store16(scratch + j * 16, u);
      store16(totals + j * 16, load16(totals + j * 16) + u);
    }
    // back[j][l] += Σ over the block's rows, in row order, of uᵢⱼ·xᵢₗ: sixteen features at a
    // time in lanes, eight classes in registers.
    const float *x = rows + b * 16 * paddedFeatures;
    for (long f = 0; f < paddedFeatures; f += 16) {
      for (long j0 = 0; j0 < K; j0 += 8) {
        float *out = back + j0 * paddedFeatures + f;
        v16f c[8];
        for (int q = 0; q < 8; q++) c[q] = load16(out + q * paddedFeatures);
        for (long i = 0; i < 16; i++) {
          v16f xi = load16(x + i * paddedFeatures + f);
          const float *u = scratch + j0 * 16 + i;
          for (int q = 0; q < 8; q++) c[q] += xi * splat16(u[q * 16]);
        }
        for (int q = 0; q < 8; q++) store16(out + q * paddedFeatures, c[q]);
      }
    }
  }
  // Σᵢ uᵢⱼ: each lane summed over the blocks above, then the 16 lanes in order, in double.
  for (long j = 0; j < K; j++) {
    double sum = 0;
    for (int lane = 0; lane < 16; lane++) sum += (double)totals[j * 16 + lane];
    sums[j] = sum;
  }
}

FV_DISPATCH(fv_logistic_hessian_product,
            (const float *columns, const float *rows, const float *probabilities, const float *weights, long blocks,
             long features, long paddedFeatures, long classes, const float *direction, const float *shift,
             float *scratch, float *back, double *sums),
            (columns, rows, probabilities, weights, blocks, features, paddedFeatures, classes, direction, shift,
             scratch, back, sums),
            hessian_product)
