// Power to magnitude, √x in place, eight values per step: IEEE 754 square roots are
// correctly rounded, so every variant (and a scalar loop) gives the same bits.
#include "Vector8.h"
#include "VoiceKernels.h"

FV_INLINE void square_roots(double *values, long count) {
  long i = 0;
  for (; i + 8 <= count; i += 8) {
    store8(values + i, __builtin_elementwise_sqrt(load8(values + i)));
  }
  if (i < count) {  // the tail, through the same vector code on a padded copy
    v8d v = __builtin_elementwise_sqrt(load_partial8(values + i, count - i));
    for (long j = i; j < count; j++) values[j] = v[j - i];
  }
}

#if FV_X86_VARIANTS
FV_TARGET_AVX512 static void square_roots_avx512(double *values, long count) { square_roots(values, count); }
FV_TARGET_AVX2 static void square_roots_avx2(double *values, long count) { square_roots(values, count); }
#endif

void fv_square_roots(double *values, long count) {
#if FV_X86_VARIANTS
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: square_roots_avx512(values, count); return;
  case FV_AVX2: square_roots_avx2(values, count); return;
  default: break;
  }
#endif
  square_roots(values, count);
}
