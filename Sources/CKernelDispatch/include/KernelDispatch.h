// Run-time choice of instruction set for FaceValue's C kernels (CVoiceKernels,
// CSolverKernels). Swift compiles for the baseline x86-64 instruction set and cannot target
// another one per function, so each kernel is compiled for AVX-512, for AVX2 with FMA and
// for the baseline, and the widest this processor runs is chosen at the first call. Every
// kernel turns floating-point contraction off and fixes its sums' order, so all variants
// give the same bits (KernelVariantTests, SolverKernelTests).
#ifndef FACEVALUE_KERNEL_DISPATCH_H
#define FACEVALUE_KERNEL_DISPATCH_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { FV_BASELINE = 0, FV_AVX2 = 1, FV_AVX512 = 2 } fv_instruction_set;

/// The widest instruction set this CPU and OS support (libgcc / compiler-rt's cpu model
/// checks XCR0, so a kernel that disabled AVX-512 state is not offered it), or less after
/// `fv_limit_instruction_set`.
fv_instruction_set fv_instruction_set_in_use(void);

/// The widest instruction set this CPU and OS support, whatever `fv_limit_instruction_set`
/// set: for choices that must not change while a computation runs (a test lowering the
/// instruction set only changes which variant of a kernel runs, never which kernel).
fv_instruction_set fv_instruction_set_of_cpu(void);

/// The instruction set the kernels run with: "avx512", "avx2" or "baseline".
const char *fv_kernel_instruction_set(void);

/// Uses at most the named instruction set from now on (never more than the CPU has), for
/// every kernel library, and returns the one now in use. For tests that check the variants
/// agree.
const char *fv_limit_instruction_set(const char *name);

#ifdef __cplusplus
}
#endif

#define FV_INLINE static inline __attribute__((always_inline))

#if defined(__x86_64__) && defined(__clang__)
#define FV_X86_VARIANTS 1
#define FV_TARGET_AVX512 __attribute__((target("avx512f")))
#define FV_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define FV_X86_VARIANTS 0
#endif

/// Defines `void NAME PARAMETERS`, which calls `KERNEL ARGUMENTS` (an always-inlined
/// function) compiled for AVX-512, for AVX2 or for the baseline, whichever is in use.
/// `FV_DISPATCH_RETURNING` does the same for a kernel that returns a `TYPE`.
#if FV_X86_VARIANTS
#define FV_DISPATCH(NAME, PARAMETERS, ARGUMENTS, KERNEL)                       \
  FV_TARGET_AVX512 static void NAME##_avx512 PARAMETERS { KERNEL ARGUMENTS; } \
  FV_TARGET_AVX2 static void NAME##_avx2 PARAMETERS { KERNEL ARGUMENTS; }     \
  void NAME PARAMETERS {                                                      \
    switch (fv_instruction_set_in_use()) {                                    \
    case FV_AVX512: NAME##_avx512 ARGUMENTS; return;                          \
    case FV_AVX2: NAME##_avx2 ARGUMENTS; return;                              \
    default: KERNEL ARGUMENTS; return;                                        \
    }                                                                         \
  }
#define FV_DISPATCH_RETURNING(TYPE, NAME, PARAMETERS, ARGUMENTS, KERNEL)                 \
  FV_TARGET_AVX512 static TYPE NAME##_avx512 PARAMETERS { return KERNEL ARGUMENTS; }   \
  FV_TARGET_AVX2 static TYPE NAME##_avx2 PARAMETERS { return KERNEL ARGUMENTS; }       \
  TYPE NAME PARAMETERS {                                                                \
    switch (fv_instruction_set_in_use()) {                                              \
    case FV_AVX512: return NAME##_avx512 ARGUMENTS;                                     \
    case FV_AVX2: return NAME##_avx2 ARGUMENTS;                                         \
    default: return KERNEL ARGUMENTS;                                                   \
    }                                                                                   \
  }
/// Like `FV_DISPATCH`, for a kernel whose first argument says whether it runs with FMA
/// instructions (1 in the AVX-512 and AVX2 variants, 0 in the baseline); its other
/// arguments follow. The kernels that compute exp step for step as glibc's FMA build does
/// call glibc itself without FMA, where glibc runs another build.
#define FV_DISPATCH_FUSED(NAME, PARAMETERS, KERNEL, ...)                             \
  FV_TARGET_AVX512 static void NAME##_avx512 PARAMETERS { KERNEL(1, __VA_ARGS__); } \
  FV_TARGET_AVX2 static void NAME##_avx2 PARAMETERS { KERNEL(1, __VA_ARGS__); }     \
  void NAME PARAMETERS {                                                             \
    switch (fv_instruction_set_in_use()) {                                           \
    case FV_AVX512: NAME##_avx512(__VA_ARGS__); return;                              \
    case FV_AVX2: NAME##_avx2(__VA_ARGS__); return;                                  \
    default: KERNEL(0, __VA_ARGS__); return;                                         \
    }                                                                                \
  }
#else
#define FV_DISPATCH(NAME, PARAMETERS, ARGUMENTS, KERNEL) \
  void NAME PARAMETERS { KERNEL ARGUMENTS; }
#define FV_DISPATCH_FUSED(NAME, PARAMETERS, KERNEL, ...) \
  void NAME PARAMETERS { KERNEL(0, __VA_ARGS__); }
#define FV_DISPATCH_RETURNING(TYPE, NAME, PARAMETERS, ARGUMENTS, KERNEL) \
  TYPE NAME PARAMETERS { return KERNEL ARGUMENTS; }
#endif

#endif
