// dlib 19.24's pyramid_down<N>::operator() (dlib/image_transforms/image_pyramid.h) and its
// RGB bilinear `resize_image` (dlib/image_transforms/interpolation.h), restructured.
#include "Pyramid.hpp"
#include "Lanes.hpp"

#include <dlib/image_transforms/interpolation.h>

#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace facevalue {

namespace {

/// The output columns dlib's four-lane loop fills, with their left source column and
/// bilinear weights: each lane's position is a float advanced by a float step, and the loop
/// stops at the first group of four whose last right neighbour falls off the picture.
long vectorColumns(long sourceColumns, double xScale, PyramidScratch &s) {
  s.left.clear();
  s.weight.clear();
  s.complement.clear();
  const double x = -4 * xScale;
  float lane[4] = {static_cast<float>(x), static_cast<float>(x + xScale), static_cast<float>(x + 2 * xScale),
    static_cast<float>(x + 3 * xScale)};
  const float step = static_cast<float>(4 * xScale);
  for (long c = 0;; c += 4) {
    int32_t left[4];
    for (int k = 0; k < 4; ++k) {
      lane[k] += step;
      left[k] = static_cast<int32_t>(lane[k]);
    }
    if (left[3] + 1 >= sourceColumns) return c;
    for (int k = 0; k < 4; ++k) {
      const float weight = lane[k] - static_cast<float>(left[k]);
      s.left.push_back(left[k]);
      s.weight.push_back(weight);
      s.complement.push_back(1 - weight);
    }
  }
}

/// Byte shuffles that pick each block's left and right neighbours out of one 16-byte load.
/// They fit: 5/6 scaling places neighbouring columns at most 1.5 source columns apart (xScale
/// is (n - 1) / (5n/6 - 1), at most 1.5 for n > 3; narrower pictures have no vector columns),
/// so a block's neighbours span at most 12 bytes.
void blockShuffles(PyramidScratch &s, long vectorEnd, long blocks) {
  s.left.resize(8 * blocks, s.left.empty() ? 0 : s.left[vectorEnd - 1]);
  s.weight.resize(8 * blocks, 0.0f);
  s.complement.resize(8 * blocks, 0.0f);
  s.blockStart.resize(blocks);
  s.blockShuffles.assign(32 * blocks, 0x80);
  for (long b = 0; b < blocks; ++b) {
    const int32_t start = s.left[8 * b];
    s.blockStart[b] = start;
    if (s.left[8 * b + 7] + 1 - start >= 16) throw std::logic_error("a pyramid step wider than 16 bytes per 8 columns");
    for (int k = 0; k < 8; ++k) {
      s.blockShuffles[32 * b + k] = static_cast<uint8_t>(s.left[8 * b + k] - start);
      s.blockShuffles[32 * b + 16 + k] = static_cast<uint8_t>(s.left[8 * b + k] + 1 - start);
    }
  }
}

/// Eight bytes (the low half of `bytes`) as floats.
f8 bytesToFloats(__m128i bytes) {
  const __m128i low = _mm_cvtepu8_epi32(bytes), high = _mm_cvtepu8_epi32(_mm_srli_si128(bytes, 4));
  f8 out;
  const __m256 floats = _mm256_cvtepi32_ps(_mm256_insertf128_si256(_mm256_castsi128_si256(low), high, 1));
  std::memcpy(&out, &floats, sizeof out);
  return out;
}

/// Source row `row`'s left and right neighbours of every vector column, as floats, in slot
/// `slot`.
void gather(const PlanarPicture &in, long row, int slot, long blocks, PyramidScratch &s) {
  const size_t width = 8 * static_cast<size_t>(blocks);
  s.gathered[slot].resize(6 * width);
  s.gatheredRow[slot] = row;
  for (int channel = 0; channel < 3; ++channel) {
    const uint8_t *source = in.row(channel, row);
    float *lefts = s.gathered[slot].data() + 2 * channel * width, *rights = lefts + width;
    for (long b = 0; b < blocks; ++b) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(source + s.blockStart[b]));
      const __m128i *shuffles = reinterpret_cast<const __m128i *>(&s.blockShuffles[32 * b]);
      store8(lefts + 8 * b, bytesToFloats(_mm_shuffle_epi8(bytes, _mm_loadu_si128(shuffles))));
      store8(rights + 8 * b, bytesToFloats(_mm_shuffle_epi8(bytes, _mm_loadu_si128(shuffles + 1))));
    }
  }
}

/// The slot holding source row `row`'s neighbours, or -1.
int slotOf(const PyramidScratch &s, long row) { return s.gatheredRow[0] == row ? 0 : s.gatheredRow[1] == row ? 1 : -1; }

/// Eight output bytes of one channel: dlib's tlf*tl + trf*tr + blf*bl + brf*br, truncated.
void store(uint8_t *target, f8 tlf, f8 trf, f8 blf, f8 brf, const float *upper, const float *lower, size_t width, long count) {
  const f8 v = tlf * load8(upper) + trf * load8(upper + width) + blf * load8(lower) + brf * load8(lower + width);
  __m256i whole;
  const i8 truncated = truncate8(v);
  std::memcpy(&whole, &truncated, sizeof whole);
  const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(whole), _mm256_extractf128_si256(whole, 1));
  const __m128i bytes = _mm_packus_epi16(words, words);
  if (count >= 8) {
    _mm_storel_epi64(reinterpret_cast<__m128i *>(target), bytes);
  } else {
    uint8_t lanes[16];
    _mm_storeu_si128(reinterpret_cast<__m128i *>(lanes), bytes);
    std::copy(lanes, lanes + count, target);
  }
}

}  // namespace

void downscale(const PlanarPicture &in, PlanarPicture &out, PyramidScratch &s) {
  constexpr long N = 6;
  out.resize(((N - 1) * in.rows) / N, ((N - 1) * in.columns) / N);
  if (out.rows == 0 || out.columns == 0 || in.rows == 0 || in.columns == 0) return;
  const double xScale = (in.columns - 1) / static_cast<double>(std::max<long>(out.columns - 1, 1));
  const double yScale = (in.rows - 1) / static_cast<double>(std::max<long>(out.rows - 1, 1));
  const long vectorEnd = std::min(vectorColumns(in.columns, xScale, s), out.columns);
  const long blocks = (vectorEnd + 7) / 8;
  const size_t width = 8 * static_cast<size_t>(blocks);
  blockShuffles(s, vectorEnd, blocks);
  s.gatheredRow[0] = s.gatheredRow[1] = -1;
  double y = -yScale;
  for (long r = 0; r < out.rows; ++r) {
    y += yScale;
    const long top = static_cast<long>(std::floor(y));
    const long bottom = std::min(top + 1, in.rows - 1);
    const double tbFrac = y - top;
    const float below = static_cast<float>(tbFrac), above = static_cast<float>(1 - tbFrac);
    if (blocks > 0) {
      // Each source row is gathered once for the (one or two) output rows that use it.
      int upper = slotOf(s, top);
      if (upper < 0) {
        upper = slotOf(s, bottom) == 0 ? 1 : 0;
        gather(in, top, upper, blocks, s);
      }
      int lower = slotOf(s, bottom);
      if (lower < 0) {
        lower = upper == 0 ? 1 : 0;
        gather(in, bottom, lower, blocks, s);
      }
      for (long b = 0; b < blocks; ++b) {
        const long c = 8 * b;
        const f8 weight = load8(&s.weight[c]), complement = load8(&s.complement[c]);
        const f8 tlf = splat8(above) * complement, trf = splat8(above) * weight, blf = splat8(below) * complement,
                 brf = splat8(below) * weight;
        for (int channel = 0; channel < 3; ++channel) {
          const float *u = s.gathered[upper].data() + 2 * channel * width + c, *l = s.gathered[lower].data() + 2 * channel * width + c;
          store(out.row(channel, r) + c, tlf, trf, blf, brf, u, l, width, vectorEnd - c);
        }
      }
    }
    // dlib's scalar loop for the remaining columns, in double.
    double x = -xScale + vectorEnd * xScale;
    for (long c = vectorEnd; c < out.columns; ++c) {
      x += xScale;
      const long left = static_cast<long>(std::floor(x));
      const long right = std::min(left + 1, in.columns - 1);
      const double lrFrac = x - left;
      auto pixel = [&](long row, long column) {
        return dlib::rgb_pixel(in.row(0, row)[column], in.row(1, row)[column], in.row(2, row)[column]);
      };
      const dlib::rgb_pixel tl = pixel(top, left), tr = pixel(top, right), bl = pixel(bottom, left), br = pixel(bottom, right);
      dlib::rgb_pixel temp;
      dlib::assign_pixel(temp, 0);
      dlib::vector_to_pixel(temp, (1 - tbFrac) * ((1 - lrFrac) * dlib::pixel_to_vector<double>(tl) + lrFrac * dlib::pixel_to_vector<double>(tr)) +
                                    tbFrac * ((1 - lrFrac) * dlib::pixel_to_vector<double>(bl) + lrFrac * dlib::pixel_to_vector<double>(br)));
      out.row(0, r)[c] = temp.red;
      out.row(1, r)[c] = temp.green;
      out.row(2, r)[c] = temp.blue;
    }
  }
}

}  // namespace facevalue
