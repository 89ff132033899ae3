// Run-time choice of instruction set for the kernels (see VoiceKernels.h).
#ifndef FACEVALUE_DISPATCH_H
#define FACEVALUE_DISPATCH_H

#if defined(__x86_64__) && defined(__clang__)
#define FV_X86_VARIANTS 1
#define FV_TARGET_AVX512 __attribute__((target("avx512f")))
#define FV_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define FV_X86_VARIANTS 0
#endif

#define FV_INLINE static inline __attribute__((always_inline))

typedef enum { FV_BASELINE = 0, FV_AVX2 = 1, FV_AVX512 = 2 } fv_instruction_set;

/// The widest instruction set this CPU and OS support (libgcc / compiler-rt's cpu model
/// checks XCR0, so a kernel that disabled AVX-512 state is not offered it).
fv_instruction_set fv_instruction_set_in_use(void);

#endif
