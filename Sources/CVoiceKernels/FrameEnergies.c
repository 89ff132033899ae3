// Frame energies (Σ x², in order of the samples) and zero-crossing counts of frames on a
// regular grid (FrameEnergy.swift, EGeMAPSLikeFeatures.swift). One frame's sum is a chain of
// additions, each waiting for the last; eight frames side by side, one per lane, keep eight
// chains in flight with every chain's order unchanged, so the values are the scalar loop's.
#include "Vector8.h"
#include "VoiceKernels.h"

#pragma STDC FP_CONTRACT OFF

/// Frame t alone, as the scalar loop sums it.
FV_INLINE void one_frame(const double *x, long window, double *energy, long *crossings) {
  double sum = 0;
  long changes = 0;
  for (long n = 0; n < window; n++) {
    sum += x[n] * x[n];
    if (n > 0) changes += (x[n] >= 0) != (x[n - 1] >= 0);
  }
  *energy = sum;
  if (crossings) *crossings = changes;
}

/// Frames t … t + 7: eight samples of each frame loaded, transposed so that a vector holds
/// one sample position of all eight frames, then added in order.
FV_INLINE void eight_frames(const double *x, long window, long hop, double *energies, long *crossings) {
  v8d sum = {0};
  v8l changes = {0}, before = {0};
  long n = 0;
  for (; n + 8 <= window; n += 8) {
    v8d rows[8];
    for (int l = 0; l < 8; l++) rows[l] = load8(x + l * hop + n);
    transpose8(rows);
    for (int j = 0; j < 8; j++) {
      sum = sum + rows[j] * rows[j];
      v8l sign = (v8l)(rows[j] >= 0.0);
      if (n + j > 0) changes -= sign ^ before;  // lanes are −1 where the sign changed
      before = sign;
    }
  }
  for (; n < window; n++) {
    v8d v;
    for (int l = 0; l < 8; l++) v[l] = x[l * hop + n];
    sum = sum + v * v;
    v8l sign = (v8l)(v >= 0.0);
    if (n > 0) changes -= sign ^ before;
    before = sign;
  }
  store8(energies, sum);
  if (crossings) {
    for (int l = 0; l < 8; l++) crossings[l] = changes[l];
  }
}

FV_INLINE void frame_energies(const double *x, long frames, long window, long hop, double *energies, long *crossings) {
  long t = 0;
  for (; t + 8 <= frames; t += 8) eight_frames(x + t * hop, window, hop, energies + t, crossings ? crossings + t : 0);
  for (; t < frames; t++) one_frame(x + t * hop, window, energies + t, crossings ? crossings + t : 0);
}

FV_DISPATCH(fv_frame_energies,
            (const double *x, long frames, long window, long hop, double *energies, long *crossings),
            (x, frames, window, hop, energies, crossings), frame_energies)
