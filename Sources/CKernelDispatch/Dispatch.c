// Detects the instruction set once and lets tests lower it (KernelDispatch.h).
#include "KernelDispatch.h"

static fv_instruction_set detect(void) {
#if FV_X86_VARIANTS
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return FV_AVX512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return FV_AVX2;
#endif
  return FV_BASELINE;
}

// Detection is idempotent, so a race between first callers of either is harmless.
static int detected = -1, cached = -1;

fv_instruction_set fv_instruction_set_of_cpu(void) {
  int level = __atomic_load_n(&detected, __ATOMIC_RELAXED);
  if (level < 0) {
    level = (int)detect();
    __atomic_store_n(&detected, level, __ATOMIC_RELAXED);
  }
  return (fv_instruction_set)level;
}

fv_instruction_set fv_instruction_set_in_use(void) {
  int level = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (level < 0) {
    level = (int)fv_instruction_set_of_cpu();
    __atomic_store_n(&cached, level, __ATOMIC_RELAXED);
  }
  return (fv_instruction_set)level;
}

const char *fv_kernel_instruction_set(void) {
  switch (fv_instruction_set_in_use()) {
  case FV_AVX512: return "avx512";
  case FV_AVX2: return "avx2";
  default: return "baseline";
  }
}

const char *fv_limit_instruction_set(const char *name) {
  fv_instruction_set wanted = FV_BASELINE;
  if (name && name[0] == 'a' && name[1] == 'v' && name[2] == 'x') wanted = name[3] == '5' ? FV_AVX512 : FV_AVX2;
  fv_instruction_set available = fv_instruction_set_of_cpu();
  int level = (int)(wanted < available ? wanted : available);
  __atomic_store_n(&cached, level, __ATOMIC_RELAXED);
  return fv_kernel_instruction_set();
}
