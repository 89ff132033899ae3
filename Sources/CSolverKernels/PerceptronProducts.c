// The multilayer perceptron's products per minibatch (MultilayerPerceptron+Step.swift): the
// hidden layer max(0, X·W1 + b1), the output layer's scores, and the weight gradients
// (Xᵀ·δ + αW)/n, read in place. OpenBLAS's sgemm copies both operands into packed panels
// on every call, and with 63 inputs and 100 hidden units per network the copies and the
// separate bias, ReLU, penalty and mask passes cost about a fifth of the products' time;
// here B is read row by row as stored, a tile of C stays in registers for the whole sum,
// and the biases and the ReLU, the penalty, or the ReLU's mask and the biases' mean are
// applied as the tile is stored.
//
// Every element of C is one chain of fused multiply-adds over p = 0…k−1 starting from zero,
// whatever the tile shape or vector width, which is also how OpenBLAS's sgemm kernels for
// FMA processors sum (PerceptronProductTests checks the bits against a scalar fmaf loop).
// Without FMA instructions (the baseline variant) fmaf is a library call: correct and slow.
// On processors without FMA the Swift side uses OpenBLAS; the baseline variant runs only
// while a test lowers the instruction set.
#include "FloatVectors.h"
#include "SolverKernels.h"

#pragma STDC FP_CONTRACT OFF

// What happens to a tile of sums as it is stored: nothing; the hidden layer's
// max(0, value + biases[j]) (value ≥ 0 ? value : 0, as `fv_add_biases_and_rectify`, so NaN
// and −0 come out as there); a weight gradient's (value + alpha·weights[i][j]) / samples
// (as `fv_weight_gradient`); or back-propagation through the ReLU, value where
// hidden[i][j] > 0 and 0 where hidden[i][j] ≤ 0 (as `fv_zero_where_off`), each stored row
// also added to `sums` (tiles run down a column block in row order, so each column is
// summed in row order, as `fv_mean_rows` sums). Pointers start at the tile's first row and
// column.
enum { PLAIN, HIDDEN, GRADIENT, BACK };
typedef struct {
  int kind;
  const float *biases;
  const float *weights;
  long ldw;
  float alpha, samples;
  const float *hidden;
  long ldh;
  float *sums;
} epilogue;

FV_INLINE epilogue moved(epilogue e, long row, long column) {
  if (e.kind == HIDDEN) e.biases += column;
  if (e.kind == GRADIENT) e.weights += row * e.ldw + column;
  if (e.kind == BACK) e.hidden += row * e.ldh + column, e.sums += column;
  return e;
}

// One tile: R rows of C by V vectors of TYPE (LANES floats each; MASK is the integer vector
// of its comparisons), C = op(A)·B over k, then the epilogue. op(A)'s element (r, p) is
// a[r·ai + p·ak]. R and V are constants at every call, so the accumulators are registers.
#define FV_PRODUCT_TILE(NAME, TYPE, MASK, SPLAT, LANES)                                                            \
  FV_INLINE void NAME(const long R, const long V, const float *a, long ai, long ak, const float *b, long ldb,       \
                      long k, float *c, long ldc, epilogue e) {                                                    \
    TYPE acc[8][2];                                                                                                \
    for (long r = 0; r < R; r++)                                                                                   \
      for (long v = 0; v < V; v++) acc[r][v] = (TYPE){0};                                                          \
    for (long p = 0; p < k; p++) {                                                                                 \
      TYPE bv[2];                                                                                                  \
      for (long v = 0; v < V; v++) __builtin_memcpy(&bv[v], b + p * ldb + LANES * v, sizeof(TYPE));               \
      for (long r = 0; r < R; r++) {                                                                               \
        TYPE av = SPLAT(a[r * ai + p * ak]);                                                                       \
        for (long v = 0; v < V; v++) acc[r][v] = __builtin_elementwise_fma(av, bv[v], acc[r][v]);                  \
      }                                                                                                            \
    }                                                                                                              \
    TYPE total[2];                                                                                                 \
    if (e.kind == BACK)                                                                                            \
      for (long v = 0; v < V; v++) __builtin_memcpy(&total[v], e.sums + LANES * v, sizeof(TYPE));                 \
    for (long r = 0; r < R; r++)                                                                                   \
      for (long v = 0; v < V; v++) {                                                                               \
        TYPE out = acc[r][v];                                                                                      \
        if (e.kind == HIDDEN) {                                                                                    \
          TYPE bias;                                                                                               \
          __builtin_memcpy(&bias, e.biases + LANES * v, sizeof(TYPE));                                             \
          out += bias;                                                                                             \
          out = (TYPE)((MASK)out & (out >= 0));                                                                    \
        } else if (e.kind == GRADIENT) {                                                                           \
          TYPE w;                                                                                                  \
          __builtin_memcpy(&w, e.weights + r * e.ldw + LANES * v, sizeof(TYPE));                                   \
          out = (out + SPLAT(e.alpha) * w) / SPLAT(e.samples);                                                     \
        } else if (e.kind == BACK) {                                                                               \
          TYPE h;                                                                                                  \
          __builtin_memcpy(&h, e.hidden + r * e.ldh + LANES * v, sizeof(TYPE));                                    \
          out = (TYPE)((MASK)out & ~(h <= 0));                                                                     \
          total[v] += out;                                                                                         \
        }                                                                                                          \
        __builtin_memcpy(c + r * ldc + LANES * v, &out, sizeof(TYPE));                                             \
      }                                                                                                            \
    if (e.kind == BACK)                                                                                            \
      for (long v = 0; v < V; v++) __builtin_memcpy(e.sums + LANES * v, &total[v], sizeof(TYPE));                 \
  }

FV_PRODUCT_TILE(tile16, v16f, v16i, splat16, 16)
FV_PRODUCT_TILE(tile8, v8f, v8i, splat8f, 8)
FV_PRODUCT_TILE(tile4, v4f, v4i, splat4f, 4)

// A single column, for the last one to three.
FV_INLINE void tile1(const long R, const float *a, long ai, long ak, const float *b, long ldb, long k, float *c,
                     long ldc, epilogue e) {
  float acc[8] = {0};
  for (long p = 0; p < k; p++)
    for (long r = 0; r < R; r++) acc[r] = __builtin_fmaf(a[r * ai + p * ak], b[p * ldb], acc[r]);
  for (long r = 0; r < R; r++) {
    float out = acc[r];
    if (e.kind == HIDDEN) {
      out += e.biases[0];
      out = out >= 0 ? out : 0;
    } else if (e.kind == GRADIENT) {
      out = (out + e.alpha * e.weights[r * e.ldw]) / e.samples;
    } else if (e.kind == BACK) {
      out = e.hidden[r * e.ldh] <= 0 ? 0 : out;
      e.sums[0] += out;
    }
    c[r * ldc] = out;
  }
}

// Every row of a column block: tiles of `rows` rows, then one tile of the remaining 1…7
// (63 rows as seven tiles of 8 and one of 7 rather than 8, 4, 2 and 1: narrow tiles load
// more per multiply-add).
#define FV_PRODUCT_TILE_CASE(SIZE, TILE, ...)                                                 \
  case SIZE: TILE(SIZE, __VA_ARGS__ a + i * ai, ai, ak, b, ldb, k, c + i * ldc, ldc, moved(e, i, 0)); break;
#define FV_PRODUCT_ROWS(NAME, TILE, ...)                                                                          \
  FV_INLINE void NAME(const long rows, long m, const float *a, long ai, long ak, const float *b, long ldb, long k, \
                      float *c, long ldc, epilogue e) {                                                            \
    long i = 0;                                                                                                    \
    for (; i + rows <= m; i += rows)                                                                               \
      TILE(rows, __VA_ARGS__ a + i * ai, ai, ak, b, ldb, k, c + i * ldc, ldc, moved(e, i, 0));                     \
    switch (m - i) {                                                                                               \
      FV_PRODUCT_TILE_CASE(7, TILE, __VA_ARGS__)                                                                   \
      FV_PRODUCT_TILE_CASE(6, TILE, __VA_ARGS__)                                                                   \
      FV_PRODUCT_TILE_CASE(5, TILE, __VA_ARGS__)                                                                   \
      FV_PRODUCT_TILE_CASE(4, TILE, __VA_ARGS__)                                                                   \
      FV_PRODUCT_TILE_CASE(3, TILE, __VA_ARGS__)                                                                   \
      FV_PRODUCT_TILE_CASE(2, TILE, __VA_ARGS__)                                                                   \
      FV_PRODUCT_TILE_CASE(1, TILE, __VA_ARGS__)                                                                   \
    default: break;                                                                                                \
    }                                                                                                              \
  }

FV_PRODUCT_ROWS(rows16x2, tile16, 2, )
FV_PRODUCT_ROWS(rows16, tile16, 1, )
FV_PRODUCT_ROWS(rows8, tile8, 1, )
FV_PRODUCT_ROWS(rows4, tile4, 1, )
FV_PRODUCT_ROWS(rows1, tile1, )

// Column blocks of 32 (or 16 where registers are fewer), then 16, 8, 4 and single columns;
// each block's panel of B (k rows of the block) stays in the L1 cache while every row of
// C passes over it.
FV_INLINE void product(const long wide, const long rows, long m, long n, long k, const float *a, long ai, long ak,
                       const float *b, long ldb, float *c, long ldc, epilogue e) {
  long j = 0;
  if (wide)
    for (; j + 32 <= n; j += 32) rows16x2(rows, m, a, ai, ak, b + j, ldb, k, c + j, ldc, moved(e, 0, j));
  for (; j + 16 <= n; j += 16) rows16(rows, m, a, ai, ak, b + j, ldb, k, c + j, ldc, moved(e, 0, j));
  for (; j + 8 <= n; j += 8) rows8(8, m, a, ai, ak, b + j, ldb, k, c + j, ldc, moved(e, 0, j));
  for (; j + 4 <= n; j += 4) rows4(8, m, a, ai, ak, b + j, ldb, k, c + j, ldc, moved(e, 0, j));
  for (; j < n; j++) rows1(8, m, a, ai, ak, b + j, ldb, k, c + j, ldc, moved(e, 0, j));
}

#if FV_X86_VARIANTS
// AVX-512: 8 rows × 32 columns, 16 of the 32 vector registers accumulating. AVX2 holds a
// 16-float vector in two of its 16 registers: 4 rows × 16 columns.
// One copy of the loops per kind of epilogue (its kind a constant in each), so that no
// tile tests it at run time and the accumulators stay in registers through the epilogue.
#define FV_PRODUCT_KINDS(WIDE, ROWS)                                                   \
  switch (e.kind) {                                                                    \
  case HIDDEN: e.kind = HIDDEN, product(WIDE, ROWS, m, n, k, a, ai, ak, b, ldb, c, ldc, e); break;     \
  case GRADIENT: e.kind = GRADIENT, product(WIDE, ROWS, m, n, k, a, ai, ak, b, ldb, c, ldc, e); break; \
  case BACK: e.kind = BACK, product(WIDE, ROWS, m, n, k, a, ai, ak, b, ldb, c, ldc, e); break;         \
  default: e.kind = PLAIN, product(WIDE, ROWS, m, n, k, a, ai, ak, b, ldb, c, ldc, e); break;          \
  }
FV_TARGET_AVX512 static void product_avx512(long m, long n, long k, const float *a, long ai, long ak, const float *b,
                                            long ldb, float *c, long ldc, epilogue e) {
  FV_PRODUCT_KINDS(1, 8)
}
FV_TARGET_AVX2 static void product_avx2(long m, long n, long k, const float *a, long ai, long ak, const float *b,
                                        long ldb, float *c, long ldc, epilogue e) {
  FV_PRODUCT_KINDS(0, 4)
}
#endif

static void dispatch(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb, float *c,
                     long ldc, epilogue e) {
#if FV_X86_VARIANTS
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: product_avx512(m, n, k, a, ai, ak, b, ldb, c, ldc, e); return;
  case FV_AVX2: product_avx2(m, n, k, a, ai, ak, b, ldb, c, ldc, e); return;
  default: break;
  }
#endif
  product(0, 1, m, n, k, a, ai, ak, b, ldb, c, ldc, e);
}

void fv_float_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb, float *c,
                      long ldc) {
  dispatch(m, n, k, a, ai, ak, b, ldb, c, ldc, (epilogue){.kind = PLAIN});
}

void fv_hidden_layer_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb,
                             const float *biases, float *c, long ldc) {
  dispatch(m, n, k, a, ai, ak, b, ldb, c, ldc, (epilogue){.kind = HIDDEN, .biases = biases});
}

void fv_weight_gradient_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb,
                                const float *weights, float alpha, float samples, float *c, long ldc) {
  dispatch(m, n, k, a, ai, ak, b, ldb, c, ldc, (epilogue){.kind = GRADIENT, .weights = weights, .ldw = n, .alpha = alpha, .samples = samples});
}

void fv_back_through_relu_product(long m, long n, long k, const float *a, long ai, long ak, const float *b, long ldb,
                                  const float *hidden, long ldh, float *c, long ldc, float *means) {
  for (long j = 0; j < n; j++) means[j] = 0;
  dispatch(m, n, k, a, ai, ak, b, ldb, c, ldc, (epilogue){.kind = BACK, .hidden = hidden, .ldh = ldh, .sums = means});
  float rows = (float)m;
  for (long j = 0; j < n; j++) means[j] /= rows;
}
