// Inner loops of the classifiers' solvers that need wide SIMD. Swift compiles for the
// baseline x86-64 instruction set (SSE2), so these live in C, compiled once per instruction
// set (AVX-512, AVX2, baseline) and chosen at run time by CKernelDispatch, as the voice
// kernels are.
//
// Floating-point contraction is off and every sum runs in an order fixed by the code (rows
// in order, features in order), never by the vector width, so every variant gives the same
// bits.
#ifndef FACEVALUE_SOLVER_KERNELS_H
#define FACEVALUE_SOLVER_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Rows per block of the blocked layouts below: one 16-float vector holds a feature (or a
/// class) of a block's rows.
enum { FV_SOLVER_BLOCK = 16 };

/// The multinomial logistic loss's Hessian times a direction (V, shift), without the
/// penalty and the factor C (LogisticRegression+Newton.swift has the formula): for each row
/// i, aᵢ = xᵢV + shift, mᵢ = Σⱼ pᵢⱼaᵢⱼ, uᵢⱼ = wᵢ·pᵢⱼ·(aᵢⱼ − mᵢ); then back[j·paddedFeatures + l]
/// = Σᵢ uᵢⱼ·xᵢₗ and sums[j] = Σᵢ uᵢⱼ, all in single precision.
///
/// With B = blocks (rows rounded up to 16), K = classes rounded up to 8 and F = features
/// rounded up to 16:
/// - `columns`: the rows transposed per block, [B][features][16];
/// - `rows`: the rows, [16·B][F], padding zero;
/// - `probabilities`: [B][K][16], and `weights`: [B][16], both zero in padding (so padded
///   rows and classes contribute nothing);
/// - `direction`: V as [features][K], padded classes zero; `shift`: [K];
/// - `scratch`: [2][K][16]; `back`: [K][F] and `sums`: [K], overwritten.
void fv_logistic_hessian_product(const float *columns, const float *rows, const float *probabilities,
                                 const float *weights, long blocks, long features, long paddedFeatures, long classes,
                                 const float *direction, const float *shift, float *scratch, float *back, double *sums);

/// The gradient step's per-row terms for n rows of k class probabilities p (row-major, in
/// double) with integer labels and row weights (NULL: all 1): residuals[i·k + j] = wᵢ·(pᵢⱼ −
/// [j = yᵢ]); the probabilities as floats in `fv_logistic_hessian_product`'s blocks
/// ([B][K][16], K = k rounded up to 8); mean (k × k) = Σᵢ wᵢ(diag pᵢ − pᵢpᵢᵀ), summed over
/// the rows in order, each row's diagonal term added before its outer product is
/// subtracted; total = Σᵢ wᵢ. `scratch` holds `fv_logistic_gradient_scratch_count(k)` doubles.
long fv_logistic_gradient_scratch_count(long classes);
void fv_logistic_gradient_terms(const double *p, long n, long k, const long *labels, const double *weights,
                                double *residuals, float *blockProbabilities, double *scratch, double *mean,
                                double *total);

/// The multilayer perceptron's element-wise loops (MultilayerPerceptron+Kernels.swift),
/// in single precision, each operation as written there:
/// Adam's step (scikit-learn's, for float32 parameters): m = 0.9·m + 0.1·g, v = 0.999·v +
/// 0.001·g², p = p − rate·m / (√v + 1e-8) in double, rounded back to float.
void fv_adam_update(float *p, const float *g, float *m, float *v, long count, double rate);
/// h = max(0, h + b) on `rows` rows of `width`, `stride` apart.
void fv_add_biases_and_rectify(float *h, long rows, long width, long stride, const float *biases);
/// back[e] = 0 wherever hidden[e] ≤ 0.
void fv_zero_where_off(float *back, const float *hidden, long count);
/// out (rows × columns) = (product + alpha·weights) / samples, `product`'s rows `stride`
/// apart; `out` may be `product`.
void fv_weight_gradient(const float *product, long stride, const float *weights, long rows, long columns, float alpha,
                        float samples, float *out);
/// mean[j] = (Σ over rows in order of delta[r·stride + j]) / rows.
void fv_mean_rows(const float *delta, long rows, long columns, long stride, float *mean);
/// out's row r = x's row indices[r] (rows `width` floats, contiguous), for r < count.
void fv_gather_rows(const float *x, long width, const long *indices, long count, float *out);
/// out (columns × rows) = the transpose of in (rows × columns), both contiguous.
void fv_transpose(const float *in, long rows, long columns, float *out);

/// C (m × n, rows `ldc` apart) = op(A)·B in single precision, read in place
/// (PerceptronProducts.c): op(A)'s element (i, p) is a[i·ai + p·ak], so A (ai = its row
/// stride, ak = 1) or Aᵀ (ai = 1, ak = its row stride); B is k × n, rows `ldb` apart. Each
/// element is one chain of fused multiply-adds over p in order, from zero.
void fv_float_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb, float *c,
                      long ldc);
/// The same product stored as the hidden layer, C = max(0, op(A)·B + biases) (n biases).
void fv_hidden_layer_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb,
                             const float *biases, float *c, long ldc);
/// The same product stored as a weight gradient, C = (op(A)·B + alpha·W) / samples, with W
/// m × n and contiguous (as `fv_weight_gradient`).
void fv_weight_gradient_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb,
                                const float *weights, float alpha, float samples, float *c, long ldc);
/// The same product stored as δ back through the ReLU: C = op(A)·B where hidden > 0 and 0
/// where hidden ≤ 0 (as `fv_zero_where_off`), hidden m × n with rows `ldh` apart; `means`
/// (n) gets the mean of C's rows, as `fv_mean_rows` computes it (the biases' gradient).
void fv_back_through_relu_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb,
                                  const float *hidden, long ldh, float *c, long ldc, float *means);

/// The output layer's softmax on `rows` rows of k scores in place (PerceptronSoftmax.c):
/// s = scores + biases; m = the row's maximum (s ≥ m ? s : m from −∞, in order); e = expf(s −
/// m); s = e / Σ e (summed in order). exp is glibc's expf to the bit, eight values at a time.
void fv_softmax_rows(float *s, long rows, long k, const float *biases);
/// expf of `count` values in place, as in `fv_softmax_rows`.
void fv_exp_floats(float *s, long count);

/// s[e] ← exp(s[e]) for e < count, glibc's exp bit for bit (LogisticExp.c): its FMA build's
/// algorithm eight values at a time where the processor has FMA, glibc's exp itself elsewhere.
void fv_exp_doubles(double *s, long count);

#ifdef __cplusplus
}
#endif

#endif
