// The local maxima of a sequence, in order (OctaveSpectrum's peak enhancement and
// SubharmonicSummation's candidates). On noisy spectra whether a point is a maximum is a coin
// flip, so the baseline loop writes every index and advances the count only for a maximum
// (no branch to mispredict); with AVX-512 eight points are compared at once and their maxima
// packed into place with one compress. Both give the same indices.
#include "KernelDispatch.h"
#include "VoiceKernels.h"

#if FV_X86_VARIANTS
#include <immintrin.h>
#endif

/// Points first … last − 1 (1 ≤ first, last ≤ n − 1), one at a time.
FV_INLINE long maxima_scalar(const double *a, long first, long last, int ties, long *out, long found) {
  for (long i = first; i < last; i++) {
    out[found] = i;
    found += (a[i - 1] < a[i]) & (ties ? a[i] >= a[i + 1] : a[i] > a[i + 1]);
  }
  return found;
}

#if FV_X86_VARIANTS
/// Eight points per step while a step's right neighbours exist, then the rest one at a
/// time. A step stores eight slots at out + found; found ≤ i − 1 and i + 8 ≤ n − 1 keep them
/// within the first n − 2.
FV_TARGET_AVX512 static long maxima_avx512(const double *a, long n, int ties, long *out) {
  __m512i index = _mm512_setr_epi64(1, 2, 3, 4, 5, 6, 7, 8);
  const __m512i eight = _mm512_set1_epi64(8);
  long found = 0, i = 1;
  for (; i + 8 <= n - 1; i += 8) {
    __m512d left = _mm512_loadu_pd(a + i - 1), centre = _mm512_loadu_pd(a + i), next = _mm512_loadu_pd(a + i + 1);
    // Ordered comparisons: a NaN is never a maximum nor beaten by one, as in the scalar loop.
    __mmask8 is = _mm512_cmp_pd_mask(left, centre, _CMP_LT_OQ) &
                  (ties ? _mm512_cmp_pd_mask(centre, next, _CMP_GE_OQ) : _mm512_cmp_pd_mask(centre, next, _CMP_GT_OQ));
    // Compressed in a register and stored whole: Zen 4 microcodes the compress to memory.
    _mm512_storeu_si512((void *)(out + found), _mm512_maskz_compress_epi64(is, index));
    found += __builtin_popcount(is);
    index = _mm512_add_epi64(index, eight);
  }
  return maxima_scalar(a, i, n - 1, ties, out, found);
}
#endif

long fv_local_maxima(const double *a, long n, int ties, long *out) {
  if (n < 3) return 0;
#if FV_X86_VARIANTS
  if (fv_instruction_set_in_use() == FV_AVX512) return maxima_avx512(a, n, ties, out);
#endif
  return maxima_scalar(a, 1, n - 1, ties, out, 0);
}
