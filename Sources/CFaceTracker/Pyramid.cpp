// dlib 19.24's pyramid_down<N>::operator() (dlib/image_transforms/image_pyramid.h) and its
// RGB bilinear `resize_image` (dlib/image_transforms/interpolation.h), restructured.
#include "Pyramid.hpp"
#include "Lanes.hpp"

#include <dlib/image_transforms/interpolation.h>

#include <algorithm>
#include <cmath>

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

uint8_t blend(float tlf, float trf, float blf, float brf, uint8_t tl, uint8_t tr, uint8_t bl, uint8_t br) {
  const float value = tlf * static_cast<float>(tl) + trf * static_cast<float>(tr) + blf * static_cast<float>(bl) + brf * static_cast<float>(br);
  return static_cast<uint8_t>(static_cast<int32_t>(value));
}

/// Eight output pixels from column `c` on: dlib's tlf*tl + trf*tr + blf*bl + brf*br per
/// channel, lane by lane.
void blend8(const PyramidScratch &s, long c, float above, float below, const uint8_t *upper, const uint8_t *lower, uint8_t *target) {
  int32_t corners[4][3][8];
  for (int k = 0; k < 8; ++k) {
    const uint8_t *u = upper + 3 * s.left[c + k], *l = lower + 3 * s.left[c + k];
    for (int ch = 0; ch < 3; ++ch) {
      corners[0][ch][k] = u[ch];
      corners[1][ch][k] = u[3 + ch];
      corners[2][ch][k] = l[ch];
      corners[3][ch][k] = l[3 + ch];
    }
  }
  const f8 weight = load8(&s.weight[c]), complement = load8(&s.complement[c]);
  const f8 tlf = splat8(above) * complement, trf = splat8(above) * weight, blf = splat8(below) * complement, brf = splat8(below) * weight;
  int32_t values[3][8];
  for (int ch = 0; ch < 3; ++ch) {
    const f8 v = tlf * float8(load8(corners[0][ch])) + trf * float8(load8(corners[1][ch])) + blf * float8(load8(corners[2][ch])) +
                 brf * float8(load8(corners[3][ch]));
    store8(values[ch], truncate8(v));
  }
  for (int k = 0; k < 8; ++k) {
    for (int ch = 0; ch < 3; ++ch) target[3 * (c + k) + ch] = static_cast<uint8_t>(values[ch][k]);
  }
}

}  // namespace

void downscale(const dlib::array2d<dlib::rgb_pixel> &in, dlib::array2d<dlib::rgb_pixel> &out, PyramidScratch &s) {
  constexpr long N = 6;
  out.set_size(((N - 1) * in.nr()) / N, ((N - 1) * in.nc()) / N);
  if (out.size() == 0 || in.size() == 0) return;
  const double xScale = (in.nc() - 1) / static_cast<double>(std::max<long>(out.nc() - 1, 1));
  const double yScale = (in.nr() - 1) / static_cast<double>(std::max<long>(out.nr() - 1, 1));
  const long vectorEnd = std::min(vectorColumns(in.nc(), xScale, s), out.nc());
  double y = -yScale;
  for (long r = 0; r < out.nr(); ++r) {
    y += yScale;
    const long top = static_cast<long>(std::floor(y));
    const long bottom = std::min(top + 1, in.nr() - 1);
    const double tbFrac = y - top;
    const float below = static_cast<float>(tbFrac), above = static_cast<float>(1 - tbFrac);
    const dlib::rgb_pixel *upper = &in[top][0], *lower = &in[bottom][0];
    dlib::rgb_pixel *target = &out[r][0];
    const uint8_t *upperBytes = reinterpret_cast<const uint8_t *>(upper), *lowerBytes = reinterpret_cast<const uint8_t *>(lower);
    long c = 0;
    for (; c + 8 <= vectorEnd; c += 8) blend8(s, c, above, below, upperBytes, lowerBytes, reinterpret_cast<uint8_t *>(target));
    for (; c < vectorEnd; ++c) {
      const float tlf = above * s.complement[c], trf = above * s.weight[c], blf = below * s.complement[c], brf = below * s.weight[c];
      const dlib::rgb_pixel &tl = upper[s.left[c]], &tr = upper[s.left[c] + 1], &bl = lower[s.left[c]], &br = lower[s.left[c] + 1];
      target[c].red = blend(tlf, trf, blf, brf, tl.red, tr.red, bl.red, br.red);
      target[c].green = blend(tlf, trf, blf, brf, tl.green, tr.green, bl.green, br.green);
      target[c].blue = blend(tlf, trf, blf, brf, tl.blue, tr.blue, bl.blue, br.blue);
    }
    // dlib's scalar loop for the remaining columns, in double.
    double x = -xScale + vectorEnd * xScale;
    for (long c = vectorEnd; c < out.nc(); ++c) {
      x += xScale;
      const long left = static_cast<long>(std::floor(x));
      const long right = std::min(left + 1, in.nc() - 1);
      const double lrFrac = x - left;
      const dlib::rgb_pixel tl = upper[left], tr = upper[right], bl = lower[left], br = lower[right];
      dlib::rgb_pixel temp;
      dlib::assign_pixel(temp, 0);
      dlib::vector_to_pixel(temp, (1 - tbFrac) * ((1 - lrFrac) * dlib::pixel_to_vector<double>(tl) + lrFrac * dlib::pixel_to_vector<double>(tr)) +
                                    tbFrac * ((1 - lrFrac) * dlib::pixel_to_vector<double>(bl) + lrFrac * dlib::pixel_to_vector<double>(br)));
      dlib::assign_pixel(target[c], temp);
    }
  }
}

}  // namespace facevalue
