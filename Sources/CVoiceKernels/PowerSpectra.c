// fv_power_spectra and fv_mel_spectra: PowerSpectraBody.h compiled for each instruction set.
#include <stdlib.h>

#include "KernelDispatch.h"
#include "VoiceKernels.h"
#include "Vector8.h"

#pragma STDC FP_CONTRACT OFF
// Vector arguments and returns of the body's helpers are always inlined, so no call
// crosses an ABI boundary (clang warns that AVX vectors would change the ABI if one did).
#pragma clang diagnostic ignored "-Wpsabi"

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

/// The widest variant this CPU runs, with a work area for its vectors: real and imaginary
/// parts of size/2 packed points (the powers then overwrite them) and the mel bands,
/// `lanes` frames each.
static void spectra(const double *x, long frames, long hop, const double *taper, long length, long offset,
                    const fv_fft_tables *tables, const fv_mel_bank *bank, double *out, long outStride) {
  if (frames <= 0) return;
  fv_instruction_set set = fv_instruction_set_in_use();
  // A pass reads whole vectors of L points per frame, so an FFT shorter than L (4 points
  // with L = 8) takes the next narrower variant: the same bits, as every variant gives.
  if (set == FV_AVX512 && tables->size < 8) set = FV_AVX2;
  long lanes = set == FV_AVX512 ? 8 : set == FV_AVX2 ? 4 : 2;
  long vectors = tables->size + (bank ? bank->bands : 0);
  size_t bytes = (size_t)vectors * (size_t)lanes * sizeof(double);
  void *work = aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!work) abort();  // out of memory, as Swift's own allocations would
  switch (set) {
#if FV_X86_VARIANTS
  case FV_AVX512: spectra_avx512(x, frames, hop, taper, length, offset, tables, bank, out, outStride, work); break;
  case FV_AVX2: spectra_avx2(x, frames, hop, taper, length, offset, tables, bank, out, outStride, work); break;
#endif
  default: spectra_baseline(x, frames, hop, taper, length, offset, tables, bank, out, outStride, work); break;
  }
  free(work);
}

void fv_power_spectra(const double *x, long frames, long hop, const double *taper, long length, long offset,
                      const fv_fft_tables *tables, double *out, long outStride) {
  spectra(x, frames, hop, taper, length, offset, tables, NULL, out, outStride);
}

void fv_mel_spectra(const double *x, long frames, long hop, const double *taper, long length, long offset,
                    const fv_fft_tables *tables, const fv_mel_bank *bank, double *out, long outStride) {
  spectra(x, frames, hop, taper, length, offset, tables, bank, out, outStride);
}
