#include "SolverDispatch.h"
#include "SolverKernels.h"

static int level = -1;  // set once; a race between first callers writes the same value

static int detect(void) {
#if FV_SOLVER_VARIANTS
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return 2;
  if (__builtin_cpu_supports("avx2")) return 1;
#endif
  return 0;
}

int fv_solver_level(void) {
  int current = __atomic_load_n(&level, __ATOMIC_RELAXED);
  if (current < 0) {
    current = detect();
    __atomic_store_n(&level, current, __ATOMIC_RELAXED);
  }
  return current;
}

const char *fv_solver_instruction_set(void) {
  static const char *names[] = {"baseline", "avx2", "avx512"};
  return names[fv_solver_level()];
}

const char *fv_solver_limit_instruction_set(const char *name) {
  int wanted = 0;
  if (name && name[0] == 'a' && name[1] == 'v' && name[2] == 'x') wanted = name[3] == '5' ? 2 : 1;
  int available = detect();
  __atomic_store_n(&level, wanted < available ? wanted : available, __ATOMIC_RELAXED);
  return fv_solver_instruction_set();
}
