// Chooses the compression function once: the SHA extensions where the processor has them.
#include "Compress.h"

static int chosen = -1;  // 1 extensions, 0 portable; a race between first callers writes the same value

static int choice(void) {
  int current = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
  if (current < 0) {
    current = fv_sha256_extensions_available();
    __atomic_store_n(&chosen, current, __ATOMIC_RELAXED);
  }
  return current;
}

void fv_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
  if (choice()) fv_sha256_blocks_extensions(state, data, blocks);
  else fv_sha256_blocks_portable(state, data, blocks);
}

const char *fv_sha256_implementation(void) { return choice() ? "sha-ni" : "portable"; }
