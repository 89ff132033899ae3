// Inner loops of the voice front end that need wide SIMD: sample format conversions,
// polyphase resampling, batched real FFT power spectra (or mel bands), power-to-decibel
// conversion, square roots, YIN's lagged products, windowed frame power and subharmonic
// summation. Swift compiles for the baseline x86-64 instruction set (SSE2) and has no
// per-function target attributes, so these loops live in C and are compiled once per
// instruction set (AVX-512, AVX2, baseline); the widest one the CPU and operating system
// support is chosen at run time (CKernelDispatch, which also says which one and lets tests
// lower it).
//
// Floating-point contraction is off in every variant and the order of every sum is fixed
// by the code, not by the vector width, so all variants give bit-identical results.
#ifndef FACEVALUE_VOICE_KERNELS_H
#define FACEVALUE_VOICE_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// out[i] = x[i]·scale (16-bit PCM to double; exact for a power-of-two scale).
void fv_int16_to_double(const int16_t *x, long count, double scale, double *out);

/// out[i] = x[i] rounded to the nearest float.
void fv_double_to_float(const double *x, long count, float *out);

/// Polyphase resampling in single precision (see PolyphaseBank.swift): output n = q·up + r,
/// r = 16b + k, is Σ_{i < span} groups[(b·span + i)·16 + k] · x[q·down + bases[b] + i],
/// summed in float in order of i and stored as double. `x` must hold every sample read.
void fv_polyphase_resample(const float *x, const float *groups, const long *bases, long span, long up, long down,
                           long count, double *out);

/// values[i] = 10·log10(max(values[i], floor)) in place (NaN and +inf pass through);
/// returns the largest result. Within 4 ulp of libm, identical on every machine. `floor`
/// must be a positive normal number (the logarithm assumes one).
double fv_decibels(double *values, long count, double floor);

/// out[τ] = Σ_{j < length} x[j]·x[j + τ] for τ = 0 … lags − 1, each summed in order of j
/// (YIN's autocorrelation term, see LaggedProducts.swift). `x` must hold length + lags − 1
/// samples.
void fv_lagged_products(const double *x, long length, long lags, double *out);

/// Σ_n (x[n] − m)²·w[n] with m = Σ_n x[n]·w[n] / weight, n < length (a frame's windowed,
/// mean-subtracted power; see Intensity.swift). Each sum runs in 32 partial sums combined in
/// a fixed order (see WindowedPower.c).
double fv_windowed_power(const double *x, const double *w, long length, double weight);

/// values[i] = √values[i] in place (power to magnitude; correctly rounded, as IEEE 754
/// defines it, so the same bits as a scalar square root).
void fv_square_roots(double *values, long count);

/// Natural cubic splines through the same `n` knots for `count` (1…8) value sets
/// (`values[l]`, n values each) at `points` fixed points, into `outputs[l]`; the tables are
/// NaturalCubicSpline.swift's (`weights`: four per point). `scratch` holds 2·n·8 doubles.
void fv_spline_interpolate(const double *const *values, long count, long n, const double *inverseWidth,
                           const double *rightHand, const double *carry, const double *factor, const long *lower,
                           const double *weights, long points, double *const *outputs, double *scratch);

/// Subharmonic summation of a non-negative spectrum of n points: out[j] = max(0, (((s[j] +
/// w[0]·s[j + shifts[0]]) + w[1]·s[j + shifts[1]]) + …)·scale), a term only where
/// j + shifts[h] < n (`shifts` ascending, `harmonics` of them); returns Σ_j out[j], summed
/// in eight lanes (point j in lane j mod 8) combined pairwise.
double fv_harmonic_sum(const double *spectrum, long n, const long *shifts, const double *weights, long harmonics,
                       double scale, double *out);

/// The local maxima of a[0 … n − 1] other than its ends, in ascending order: each i in
/// 1 … n − 2 with a[i − 1] < a[i] and a[i] > a[i + 1] (a[i] ≥ a[i + 1] when `ties` is
/// nonzero), comparisons with a NaN false; returns their count. `out` has room for n − 2
/// indices; slots past the count may be overwritten.
long fv_local_maxima(const double *a, long n, int ties, long *out);

/// out[i] = a[i]·b[i], i < count (a windowed frame; out may be a or b).
void fv_multiply(const double *a, const double *b, double *out, long count);

/// In place, a[i] ← ((a[i − 1] + 2·a[i]) + a[i + 1]) / 4 over the original values for
/// i < n − 1, with a[−1] = 0 and the last value untouched (openSMILE's specSmoothSHS).
void fv_smooth_121(double *a, long n);

/// out[i] ← max(out[i], 0)·w[i] as Swift's max(x, 0) reads (0 when 0 ≥ x, so a NaN stays).
void fv_clip_and_weight(double *out, const double *w, long count);

/// For frames t < `frames`, frame t being x[t·hop … t·hop + window − 1]: energies[t] =
/// Σ x[n]·x[n] added in order of n from 0, and, unless `crossings` is NULL, crossings[t] =
/// the number of n ≥ 1 where (x[n] ≥ 0) differs from (x[n − 1] ≥ 0).
void fv_frame_energies(const double *x, long frames, long window, long hop, double *energies, long *crossings);

/// Tables of a real FFT of `size` points (see FFT.swift for their layout).
typedef struct {
  long size;
  const long *order;          // bit-reversed position of each of the size/2 packed samples
  const double *stageCosines; // twiddles of the stages of length 8, 16, …, size/2, stage after stage
  const double *stageSines;
  const double *splitCosines; // e^{−2πik/size}, k = 0…size/4
  const double *splitSines;
} fv_fft_tables;

/// |X[k]|², k = 0…size/2, of `frames` windowed frames. Frame t is x[t·hop + n]·taper[n]
/// for n < length, placed at `offset + n` of a zero-filled buffer of `size` points;
/// its spectrum goes to out + t·outStride.
void fv_power_spectra(const double *x, long frames, long hop, const double *taper, long length, long offset,
                      const fv_fft_tables *tables, double *out, long outStride);

/// A mel filterbank for fv_mel_spectra: `bands` rows of size/2 + 1 weights (row-major),
/// band b nonzero only on bins first[b] ≤ k < end[b].
typedef struct {
  long bands;
  const double *weights;
  const long *first;
  const long *end;
} fv_mel_bank;

/// The band energies Σ_k weights[b][k]·|X[k]|² of the frames fv_power_spectra describes,
/// summed as MelFilterbank.apply sums them (the same bits), without storing the spectra:
/// frame t's bands go to out + t·outStride.
void fv_mel_spectra(const double *x, long frames, long hop, const double *taper, long length, long offset,
                    const fv_fft_tables *tables, const fv_mel_bank *bank, double *out, long outStride);

#ifdef __cplusplus
}
#endif
#endif
