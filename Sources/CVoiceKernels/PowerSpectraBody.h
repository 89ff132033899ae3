// Batched real FFT power spectra, the body of fv_power_spectra for one instruction set.
// PowerSpectra.c includes it once per set with FV_LANES (frames per pass, one per SIMD
// lane), FV_ATTRIBUTES (the target attribute) and FV_NAME(x) (a suffixed name) defined.
//
// The algorithm is FFT.swift's: a real N-point frame packed into N/2 complex points
// (z[n] = x[2n] + i·x[2n+1]), radix-2 decimation in time with stages 2 and 4 as additions
// and two stages per pass after that ("radix 2²"), then the split into the real spectrum
// (Press et al., Numerical Recipes, 3rd ed., §12.2–12.3). Each lane holds another frame,
// so lanes never interact and the lane count does not change any value.

typedef double FV_NAME(vec) __attribute__((vector_size(FV_LANES * 8), aligned(8)));
#define V FV_NAME(vec)

/// L doubles from p, any alignment.
FV_INLINE V FV_NAME(load)(const double *p) {
  V v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

/// Stages 2 and 4 of every group of four points: twiddles 1 and −i, additions only.
FV_INLINE void FV_NAME(first_stages)(V *re, V *im, long points) {
  for (long s = 0; s < points;) {
    V a0r = re[s] + re[s + 1], a0i = im[s] + im[s + 1], a1r = re[s] - re[s + 1], a1i = im[s] - im[s + 1];
    if (points >= 4) {
      V b0r = re[s + 2] + re[s + 3], b0i = im[s + 2] + im[s + 3];
      V b1r = re[s + 2] - re[s + 3], b1i = im[s + 2] - im[s + 3];
      re[s] = a0r + b0r; im[s] = a0i + b0i;
      re[s + 2] = a0r - b0r; im[s + 2] = a0i - b0i;
      re[s + 1] = a1r + b1i; im[s + 1] = a1i - b1r;  // b1·(−i) = (b1i, −b1r)
      re[s + 3] = a1r - b1i; im[s + 3] = a1i + b1r;
      s += 4;
    } else {
      re[s] = a0r; im[s] = a0i; re[s + 1] = a1r; im[s + 1] = a1i;
      s += 2;
    }
  }
}

/// One radix-2 stage of length L: butterflies (a, a + L/2) with twiddle e^{−2πik/L}.
FV_INLINE void FV_NAME(stage)(V *re, V *im, long points, long length, const double *c, const double *s) {
  long half = length / 2;
  for (long k = 0; k < half; k++) {
    double wr = c[k], wi = s[k];  // a scalar operand is applied to every lane
    for (long a = k; a < points; a += length) {
      long b = a + half;
      V tr = re[b] * wr - im[b] * wi;
      V ti = re[b] * wi + im[b] * wr;
      re[b] = re[a] - tr; im[b] = im[a] - ti;
      re[a] = re[a] + tr; im[a] = im[a] + ti;
    }
  }
}

/// Stages L and 2L in one pass: points a, a + L/2, a + L, a + 3L/2 loaded and stored once.
/// Stage 2L's twiddle for k + L/2 is its twiddle for k times −i.
FV_INLINE void FV_NAME(two_stages)(V *re, V *im, long points, long length, const double *c1, const double *s1,
                                  const double *c2, const double *s2) {
  long half = length / 2;
  for (long k = 0; k < half; k++) {
    double w1r = c1[k], w1i = s1[k], w2r = c2[k], w2i = s2[k];
    for (long a = k; a < points; a += 2 * length) {
      long i1 = a + half, i2 = a + length, i3 = a + length + half;
      V t1r = re[i1] * w1r - im[i1] * w1i, t1i = re[i1] * w1i + im[i1] * w1r;
      V t3r = re[i3] * w1r - im[i3] * w1i, t3i = re[i3] * w1i + im[i3] * w1r;
      V y0r = re[a] + t1r, y0i = im[a] + t1i, y1r = re[a] - t1r, y1i = im[a] - t1i;
      V y2r = re[i2] + t3r, y2i = im[i2] + t3i, y3r = re[i2] - t3r, y3i = im[i2] - t3i;
      V ur = y2r * w2r - y2i * w2i, ui = y2r * w2i + y2i * w2r;
      V vr = y3r * w2i + y3i * w2r, vi = y3i * w2i - y3r * w2r;  // (y3·w2)·(−i)
      re[a] = y0r + ur; im[a] = y0i + ui;
      re[i2] = y0r - ur; im[i2] = y0i - ui;
      re[i1] = y1r + vr; im[i1] = y1i + vi;
      re[i3] = y1r - vr; im[i3] = y1i - vi;
    }
  }
}

/// Complex FFT of bit-reversed input, in place, all lanes at once. The first stages only
/// combine points within blocks (stages 2 and 4 within 4 points, stages L and 2L within 2L),
/// so they run block by block, all of them on one block of at most 16 kB before the next
/// block, which then stays in the L1 cache from stage to stage; the later stages run over
/// all points. Every butterfly is the same arithmetic on the same values in either order.
FV_INLINE void FV_NAME(transform)(V *re, V *im, const fv_fft_tables *t) {
  long points = t->size / 2;
  long block = 4;  // the largest 4·4^m points whose vectors fit in 16 kB, at most `points`
  while (4 * block * (long)sizeof(V) * 2 <= 16384 && 4 * block <= points) block *= 4;
  if (block > points) block = points;
  long length = 8, offset = 0;
  for (long first = 0; first < points; first += block) {
    FV_NAME(first_stages)(re + first, im + first, block);
    length = 8, offset = 0;
    while (2 * length <= block) {
      FV_NAME(two_stages)(re + first, im + first, block, length, t->stageCosines + offset, t->stageSines + offset,
                          t->stageCosines + offset + length / 2, t->stageSines + offset + length / 2);
      offset += length / 2 + length;
      length *= 4;
    }
  }
  while (2 * length <= points) {
    FV_NAME(two_stages)(re, im, points, length, t->stageCosines + offset, t->stageSines + offset,
                        t->stageCosines + offset + length / 2, t->stageSines + offset + length / 2);
    offset += length / 2 + length;
    length *= 4;
  }
  if (length <= points) FV_NAME(stage)(re, im, points, length, t->stageCosines + offset, t->stageSines + offset);
}

/// Rows r[0…L−1] (L = FV_LANES) become columns: r[j][p] moves to r[p][j]. log2 L rounds
/// of interleaving, at distance 1, 2, then 4 lanes (the usual register transpose).
FV_INLINE void FV_NAME(transpose)(V *r) {
#if FV_LANES == 2
  V a = __builtin_shufflevector(r[0], r[1], 0, 2), b = __builtin_shufflevector(r[0], r[1], 1, 3);
  r[0] = a; r[1] = b;
#elif FV_LANES == 4
  V a[4], b[4];
  for (int k = 0; k < 2; k++) {
    a[2 * k] = __builtin_shufflevector(r[2 * k], r[2 * k + 1], 0, 4, 2, 6);
    a[2 * k + 1] = __builtin_shufflevector(r[2 * k], r[2 * k + 1], 1, 5, 3, 7);
  }
  for (int k = 0; k < 2; k++) {
    b[k] = __builtin_shufflevector(a[k], a[k + 2], 0, 1, 4, 5);
    b[k + 2] = __builtin_shufflevector(a[k], a[k + 2], 2, 3, 6, 7);
  }
  for (int k = 0; k < 4; k++) r[k] = b[k];
#elif FV_LANES == 8
  transpose8(r);  // Vector8.h: V is v8d here
#else
#error "FV_LANES must be 2, 4 or 8"
#endif
}

/// Vectors v[0 … count − 1] (one per bin or band, lane j = frame first + j) become rows:
/// v[k][j] goes to out[(first + j)·outStride + k], L at a time through a register transpose.
FV_INLINE void FV_NAME(store_columns)(const V *v, long count, long first, long lanes, double *out, long outStride) {
  long k = 0;
  for (; k + FV_LANES <= count; k += FV_LANES) {
    V rows[FV_LANES];
    for (int i = 0; i < FV_LANES; i++) rows[i] = v[k + i];
    FV_NAME(transpose)(rows);
    for (int j = 0; j < lanes; j++) __builtin_memcpy(out + (first + j) * outStride + k, &rows[j], sizeof rows[j]);
  }
  for (; k < count; k++) {
    for (int j = 0; j < lanes; j++) out[(first + j) * outStride + k] = v[k][j];
  }
}

/// One pass: the power spectra of frames first … first + L − 1 into power[0 … size/2], one
/// vector per bin (a missing lane repeats the pass's first frame; callers do not store it).
/// The FFT size must be at least L (PowerSpectra.c picks a narrower variant otherwise).
FV_INLINE void FV_NAME(pass)(const double *x, long first, long lanes, long hop, const double *taper, long length,
                            long offset, const fv_fft_tables *t, V *re, V *im, V *power) {
  long points = t->size / 2;
  const long *order = t->order;  // read once: the compiler cannot tell that stores to re and im leave it be
  const double *frame[FV_LANES];
  for (int j = 0; j < FV_LANES; j++) frame[j] = x + (first + (j < lanes ? j : 0)) * hop;
  // Buffer positions p … p + L − 1 of every frame, windowed, then transposed so that each
  // position holds one vector across frames; even positions are real parts, odd imaginary,
  // each going to the bit-reversed slot of its packed sample.
  for (long p = 0; p < t->size; p += FV_LANES) {
    // Only whole-vector accesses with constant indices touch `rows`, so it stays in
    // registers (an element write or a variable index put it on the stack, with a store
    // and a reload per row).
    V rows[FV_LANES];
    if (p >= offset && p + FV_LANES <= offset + length) {  // inside the window: vector loads
      V w = FV_NAME(load)(taper + (p - offset));
      for (int j = 0; j < FV_LANES; j++) rows[j] = FV_NAME(load)(frame[j] + (p - offset)) * w;
    } else if (p + FV_LANES <= offset || p >= offset + length) {  // zero padding only
      for (int j = 0; j < FV_LANES; j++) rows[j] = (V){0};
    } else {  // straddling a window edge: one sample at a time, in memory of its own
      double edge[FV_LANES][FV_LANES];
      for (int j = 0; j < FV_LANES; j++) {
        for (int i = 0; i < FV_LANES; i++) {
          long n = p + i - offset;
          edge[j][i] = n >= 0 && n < length ? frame[j][n] * taper[n] : 0;
        }
        rows[j] = FV_NAME(load)(edge[j]);
      }
    }
    FV_NAME(transpose)(rows);
    for (int i = 0; i < FV_LANES; i += 2) {
      long n = (p + i) / 2;
      re[order[n]] = rows[i];
      im[order[n]] = rows[i + 1];
    }
  }
  FV_NAME(transform)(re, im, t);
  // X[k] = E + T and X[M−k] = conj(E − T) with T = e^{−2πik/N}·O, so one pass over k ≤ M/2
  // gives both halves. E and O are kept doubled; the ¼ goes into the power.
  for (long k = 0; k <= points / 2; k++) {
    long b = k == 0 ? 0 : points - k;
    V er = re[k] + re[b], ei = im[k] - im[b];
    V or = im[k] + im[b], oi = re[b] - re[k];
    double wr = t->splitCosines[k], wi = t->splitSines[k];
    V tr = or * wr - oi * wi, ti = or * wi + oi * wr;
    V dr = er - tr, di = ei - ti, sr = er + tr, si = ei + ti;
    power[points - k] = 0.25 * (dr * dr + di * di);
    power[k] = 0.25 * (sr * sr + si * si);
  }
}

/// Band energies of the pass's frames: band b sums weights[b][k]·power[k] over its support
/// [first[b], end[b]) in MelFilterbank.apply's order (four running sums for k ≡ 0, 1, 2, 3
/// mod 4 from the support's start, combined as (s0 + s2) + (s1 + s3), then the last k < 4
/// one by one), so the fused path gives the same bits as spectra followed by that product.
FV_INLINE void FV_NAME(mel_bands)(const V *power, long bins, const fv_mel_bank *bank, V *mel) {
  for (long b = 0; b < bank->bands; b++) {
    const double *w = bank->weights + b * bins;
    long k = bank->first[b], end = bank->end[b];
    V s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
    for (; k + 4 <= end; k += 4) {
      s0 += power[k] * w[k];
      s1 += power[k + 1] * w[k + 1];
      s2 += power[k + 2] * w[k + 2];
      s3 += power[k + 3] * w[k + 3];
    }
    V sum = (s0 + s2) + (s1 + s3);
    for (; k < end; k++) sum += power[k] * w[k];
    mel[b] = sum;
  }
}

/// Every frame's power spectrum (bank == NULL) or mel band energies, L frames per pass.
FV_ATTRIBUTES static void FV_NAME(spectra)(const double *x, long frames, long hop, const double *taper, long length,
                                           long offset, const fv_fft_tables *t, const fv_mel_bank *bank, double *out,
                                           long outStride, void *work) {
  long bins = t->size / 2 + 1;
  // The powers overwrite the transform in place: power[k] is re[k] for k < size/2 and
  // power[size/2] is im[0] (im follows re), each written only after the split has read
  // every value it needs from there. In place, an AVX-512 pass's working set is 32 kB; a
  // separate array would make it 48 kB, the whole L1 cache.
  V *re = (V *)work, *im = re + t->size / 2, *power = re, *mel = im + t->size / 2;
  for (long first = 0; first < frames; first += FV_LANES) {
    long lanes = frames - first < FV_LANES ? frames - first : FV_LANES;
    FV_NAME(pass)(x, first, lanes, hop, taper, length, offset, t, re, im, power);
    if (bank) {
      FV_NAME(mel_bands)(power, bins, bank, mel);
      FV_NAME(store_columns)(mel, bank->bands, first, lanes, out, outStride);
    } else {
      FV_NAME(store_columns)(power, bins, first, lanes, out, outStride);
    }
  }
}

#undef V
