// SHA-256's compression function (FIPS 180-4 §6.2.2) over whole 64-byte blocks, for the
// Swift `SHA256` in Tabular, which keeps the padding and the partial block. Runs on the
// processor's SHA extensions where it has them (x86-64 SHA-NI: about 8x the portable code),
// else on portable C; both give the same digests (DigestTests).
#ifndef FACEVALUE_DIGEST_H
#define FACEVALUE_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Updates the eight state words `state` with `blocks` consecutive 64-byte blocks at `data`.
void fv_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// "sha-ni" or "portable": the code `fv_sha256_blocks` runs, chosen once per process.
const char *fv_sha256_implementation(void);

/// The two implementations, for tests that hold them to each other.
void fv_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);
/// Needs `fv_sha256_extensions_available()`.
void fv_sha256_blocks_extensions(uint32_t state[8], const uint8_t *data, size_t blocks);
/// 1 when the processor has the SHA extensions.
int fv_sha256_extensions_available(void);

#ifdef __cplusplus
}
#endif

#endif
