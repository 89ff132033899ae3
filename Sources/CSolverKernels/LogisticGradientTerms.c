// The per-row terms of the multinomial logistic gradient step (LogisticRegression+Newton.swift,
// `gradient`): the residuals, the probabilities in the Hessian kernel's single-precision
// blocks, and the preconditioner's class factor Ā = Σᵢ rᵢ(diag pᵢ − pᵢpᵢᵀ). Swift ran the
// k² loop of Ā one double at a time (SSE2); here a vector holds 8 classes of a row of Ā.
// Every element gets the operations the Swift code gave it, in its order (rows in order,
// the diagonal's addition before the subtraction), so every variant gives the same bits.
#include "SolverKernels.h"
#include "KernelDispatch.h"
#include "Vector8.h"

#pragma STDC FP_CONTRACT OFF

/// value + s in lane `j` (Ā's diagonal entry; no lane when j is outside 0…7), value elsewhere.
FV_INLINE v8d diagonal_add(v8d value, v8d s, long j, v8l lane) {
  return select8(lane == (v8l){j, j, j, j, j, j, j, j}, value + s, value);
}

FV_INLINE void gradient_terms(const double *p, long n, long k, const long *labels, const double *weights,
                              double *residuals, float *blockProbabilities, double *scratch, double *mean,
                              double *total) {
  const long K = (k + 7) / 8 * 8;
  const long block = FV_SOLVER_BLOCK;
  double *a = scratch, *row = scratch + k * K;  // Ā as [k][K]; the row padded to K
  for (long e = 0; e < k * K; e++) a[e] = 0;
  for (long e = 0; e < K; e++) row[e] = 0;
  const v8l lane = {0, 1, 2, 3, 4, 5, 6, 7};
  v8d held[8] = {{0}};
  const v8l valid = lane < (v8l){k, k, k, k, k, k, k, k};
  double sum = 0;
  for (long i = 0; i < n; i++) {
    const double weight = weights ? weights[i] : 1;
    const double *pi = p + i * k;
    const long b = i / block, slot = i % block;
    for (long j = 0; j < k; j++) {
      residuals[i * k + j] = weight * (pi[j] - (j == labels[i] ? 1 : 0));
      blockProbabilities[(b * K + j) * block + slot] = (float)pi[j];
      row[j] = pi[j];
    }
    sum += weight;
    if (K == 8) {
      // Up to 8 classes: Ā's rows stay in registers over all the rows.
      // The row's k probabilities, lanes past k zero: read straight from p (the lanes past k
      // are the next row's, masked off), except in the last row, where they would be past
      // the end (a vector load of values just stored one by one would wait for the stores).
      const v8d r = i + 1 < n ? select8(valid, load8(pi), (v8d){0}) : load8(row);
      for (int j = 0; j < 8; j++)
        if (j < k) {
          const v8d s = splat8(weight * pi[j]);
          held[j] = diagonal_add(held[j], s, j, lane);
          held[j] = held[j] - s * r;
        }
    } else {
      for (long j = 0; j < k; j++) {
        const v8d s = splat8(weight * pi[j]);
        for (long c0 = 0; c0 < K; c0 += 8) {
          const v8d value = diagonal_add(load8(a + j * K + c0), s, j - c0, lane);
          store8(a + j * K + c0, value - s * load8(row + c0));
        }
      }
    }
  }
  if (K == 8)
    for (int j = 0; j < k; j++) store8(a + j * K, held[j]);
  for (long j = 0; j < k; j++)
    for (long l = 0; l < k; l++) mean[j * k + l] = a[j * K + l];
  *total = sum;
}

long fv_logistic_gradient_scratch_count(long classes) { return (classes + 1) * ((classes + 7) / 8 * 8); }

FV_DISPATCH(fv_logistic_gradient_terms,
            (const double *p, long n, long k, const long *labels, const double *weights, double *residuals,
             float *blockProbabilities, double *scratch, double *mean, double *total),
            (p, n, k, labels, weights, residuals, blockProbabilities, scratch, mean, total),
            gradient_terms)
