// Run-time choice of instruction set for the solver kernels (see SolverKernels.h).
#ifndef FACEVALUE_SOLVER_DISPATCH_H
#define FACEVALUE_SOLVER_DISPATCH_H

#define FV_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__) && defined(__clang__)
#define FV_SOLVER_VARIANTS 1
#else
#define FV_SOLVER_VARIANTS 0
#endif

/// 0 baseline, 1 AVX2, 2 AVX-512: the widest the CPU has, or less after
/// `fv_solver_limit_instruction_set`.
int fv_solver_level(void);

/// Defines `void NAME PARAMETERS` that calls `KERNEL ARGUMENTS` (an always-inlined
/// function) compiled for AVX-512, for AVX2 or for the baseline, whichever the CPU has.
#if FV_SOLVER_VARIANTS
#define FV_DISPATCH(NAME, PARAMETERS, ARGUMENTS, KERNEL)                                      \
  __attribute__((target("avx512f"))) static void NAME##_avx512 PARAMETERS { KERNEL ARGUMENTS; } \
  __attribute__((target("avx2"))) static void NAME##_avx2 PARAMETERS { KERNEL ARGUMENTS; }      \
  void NAME PARAMETERS {                                                                       \
    switch (fv_solver_level()) {                                                               \
    case 2: NAME##_avx512 ARGUMENTS; return;                                                   \
    case 1: NAME##_avx2 ARGUMENTS; return;                                                     \
    default: KERNEL ARGUMENTS; return;                                                         \
    }                                                                                          \
  }
#else
#define FV_DISPATCH(NAME, PARAMETERS, ARGUMENTS, KERNEL) \
  void NAME PARAMETERS { KERNEL ARGUMENTS; }
#endif

#endif
