// Eight-lane float and int vectors (clang/GCC vector extensions) for the detector's kernels.
// Each lane does what dlib's scalar or `simd8f` code does for one pixel, with the same IEEE
// operations in the same order (no fused multiply-add: the target is built with
// -ffp-contract=off), so a lane's result is dlib's, bit for bit.
#ifndef FACEVALUE_LANES_HPP
#define FACEVALUE_LANES_HPP

#include <cstdint>
#include <cstring>

// Vector arguments of these helpers are always inlined, so no call crosses an ABI boundary.
#pragma clang diagnostic ignored "-Wpsabi"

namespace facevalue {

typedef float f8 __attribute__((vector_size(32), aligned(4)));
typedef int32_t i8 __attribute__((vector_size(32), aligned(4)));

inline f8 load8(const float *p) {
  f8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline i8 load8(const int32_t *p) {
  i8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store8(float *p, f8 v) { std::memcpy(p, &v, sizeof v); }
inline void store8(int32_t *p, i8 v) { std::memcpy(p, &v, sizeof v); }
inline f8 splat8(float x) { return f8{x, x, x, x, x, x, x, x}; }
inline i8 splat8(int32_t x) { return i8{x, x, x, x, x, x, x, x}; }
/// `mask ? a : b` lane by lane (mask lanes all ones or all zeros, as comparisons give).
inline f8 select8(i8 mask, f8 a, f8 b) {
  i8 ai, bi;
  std::memcpy(&ai, &a, sizeof a);
  std::memcpy(&bi, &b, sizeof b);
  const i8 r = (ai & mask) | (bi & ~mask);
  f8 out;
  std::memcpy(&out, &r, sizeof r);
  return out;
}
inline i8 select8(i8 mask, i8 a, i8 b) { return (a & mask) | (b & ~mask); }
/// The bits of `v` where `mask` has them (clearing the sign bit takes the absolute value).
inline f8 bitAnd(f8 v, i8 mask) {
  i8 bits;
  std::memcpy(&bits, &v, sizeof v);
  bits &= mask;
  f8 out;
  std::memcpy(&out, &bits, sizeof bits);
  return out;
}
/// Float to int by truncation toward zero (cvttps2dq), int to float exactly (cvtdq2ps).
inline i8 truncate8(f8 v) { return __builtin_convertvector(v, i8); }
inline f8 float8(i8 v) { return __builtin_convertvector(v, f8); }
inline f8 sqrt8(f8 v) { return __builtin_elementwise_sqrt(v); }

}  // namespace facevalue

#endif
