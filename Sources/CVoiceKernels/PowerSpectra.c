// fv_power_spectra: PowerSpectraBody.h compiled for each instruction set.
#include <stdlib.h>

#include "Dispatch.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

#define FV_NAME(x) x##_baseline
#define FV_LANES 2
#define FV_ATTRIBUTES
#include "PowerSpectraBody.h"
#undef FV_NAME
#undef FV_LANES
#undef FV_ATTRIBUTES

#if FV_X86_VARIANTS
#define FV_NAME(x) x##_avx2
#define FV_LANES 4
#define FV_ATTRIBUTES FV_TARGET_AVX2
#include "PowerSpectraBody.h"
#undef FV_NAME
#undef FV_LANES
#undef FV_ATTRIBUTES

#define FV_NAME(x) x##_avx512
#define FV_LANES 8
#define FV_ATTRIBUTES FV_TARGET_AVX512
#include "PowerSpectraBody.h"
#undef FV_NAME
#undef FV_LANES
#undef FV_ATTRIBUTES
#endif

void fv_power_spectra(const double *x, long frames, long hop, const double *taper, long length, long offset,
                      const fv_fft_tables *tables, double *out, long outStride) {
  if (frames <= 0) return;
  fv_instruction_set set = fv_instruction_set_in_use();
  long lanes = set == FV_AVX512 ? 8 : set == FV_AVX2 ? 4 : 2;
  // Real and imaginary parts of size/2 packed points and the size/2 + 1 powers, one
  // vector of `lanes` frames each.
  size_t bytes = (size_t)(tables->size / 2 * 3 + 1) * (size_t)lanes * sizeof(double);
  void *work = aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!work) abort();  // out of memory, as Swift's own allocations would
  switch (set) {
#if FV_X86_VARIANTS
  case FV_AVX512: power_spectra_avx512(x, frames, hop, taper, length, offset, tables, out, outStride, work); break;
  case FV_AVX2: power_spectra_avx2(x, frames, hop, taper, length, offset, tables, out, outStride, work); break;
#endif
  default: power_spectra_baseline(x, frames, hop, taper, length, offset, tables, out, outStride, work); break;
  }
  free(work);
}
