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

FV_DISPATCH(fv_square_roots, (double *values, long count), (values, count), square_roots)
