// One step down dlib's image pyramid for the face detector (`pyramid_down<6>`: 5/6 of the
// size, bilinear), computed as dlib's RGB `resize_image` computes it, bit for bit, on planar
// pictures. dlib works out each output column's source position and weights again on every
// row and gathers the neighbours one byte at a time; here the columns are worked out once per
// picture, each source row's neighbours are gathered once (by byte shuffles, eight columns at
// a time) for the two output rows that use it, and the blending runs on whole vectors.
#ifndef FACEVALUE_PYRAMID_HPP
#define FACEVALUE_PYRAMID_HPP

#include "PlanarPicture.hpp"

#include <cstdint>
#include <vector>

namespace facevalue {

/// Column positions, weights and gathered rows, reused from picture to picture.
struct PyramidScratch {
  std::vector<int32_t> left;
  std::vector<float> weight, complement;
  /// Per block of eight output columns: the first source column and the byte shuffles that
  /// pick the block's left and right neighbours out of one 16-byte load from it.
  std::vector<int32_t> blockStart;
  std::vector<uint8_t> blockShuffles;
  /// Two source rows' neighbours as floats: per channel, the left then the right neighbour of
  /// every output column of the vector part.
  std::vector<float> gathered[2];
  long gatheredRow[2] = {-1, -1};
};

/// dlib::pyramid_down<6>()(picture, smaller) for RGB pictures, on planes.
void downscale(const PlanarPicture &picture, PlanarPicture &smaller, PyramidScratch &scratch);

}  // namespace facevalue

#endif
