// The SHA-256 compression function on x86-64's SHA extensions (SHA-NI): each
// `sha256rnds2` does two rounds, `sha256msg1`/`sha256msg2` extend the message schedule
// four words at a time (Intel, "Intel SHA Extensions", 2013). The state is kept as the
// instructions want it, ABEF and CDGH, and turned back into A..H at the end.
#include "Compress.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

int fv_sha256_extensions_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") ? 1 : 0;
}

__attribute__((target("sha,sse4.1"))) void fv_sha256_blocks_extensions(uint32_t state[8], const uint8_t *data, size_t blocks) {
  const uint32_t *k = fv_sha256_round_constants();
  // Reverses the bytes of each 32-bit word: the message is big-endian.
  const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
  __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
  __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (; blocks > 0; blocks--, data += 64) {
    const __m128i abefStart = abef, cdghStart = cdgh;
    // w[j % 4] holds schedule words 4j..4j+3.
    __m128i w[4];
#pragma clang loop unroll(full)
    for (int j = 0; j < 16; j++) {
      if (j < 4) {
        w[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * j)), byteswap);
      } else {
        // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for t = 4j..4j+3.
        __m128i partial = _mm_sha256msg1_epu32(w[j % 4], w[(j + 1) % 4]);
        partial = _mm_add_epi32(partial, _mm_alignr_epi8(w[(j + 3) % 4], w[(j + 2) % 4], 4));
        w[j % 4] = _mm_sha256msg2_epu32(partial, w[(j + 3) % 4]);
      }
      __m128i message = _mm_add_epi32(w[j % 4], _mm_loadu_si128((const __m128i *)&k[4 * j]));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(message, 0x0E));
    }
    abef = _mm_add_epi32(abef, abefStart);
    cdgh = _mm_add_epi32(cdgh, cdghStart);
  }
  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

int fv_sha256_extensions_available(void) { return 0; }

void fv_sha256_blocks_extensions(uint32_t state[8], const uint8_t *data, size_t blocks) {
  fv_sha256_blocks_portable(state, data, blocks);
}

#endif
