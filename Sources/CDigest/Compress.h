// What the two implementations share.
#ifndef FACEVALUE_DIGEST_COMPRESS_H
#define FACEVALUE_DIGEST_COMPRESS_H

#include "Digest.h"

/// FIPS 180-4's constants K0..K63.
const uint32_t *fv_sha256_round_constants(void);

#endif
