// One step down dlib's image pyramid for the face detector (`pyramid_down<6>`: 5/6 of the
// size, bilinear), computed as dlib's RGB `resize_image` computes it, bit for bit. dlib works
// out each output column's source position and weights again on every row and gathers the
// neighbours one byte at a time; here the columns are worked out once per picture.
#ifndef FACEVALUE_PYRAMID_HPP
#define FACEVALUE_PYRAMID_HPP

#include <dlib/array2d.h>
#include <dlib/pixel.h>

#include <cstdint>
#include <vector>

namespace facevalue {

/// Column positions and weights, reused from picture to picture.
struct PyramidScratch {
  std::vector<int32_t> left;
  std::vector<float> weight, complement;
};

/// dlib::pyramid_down<6>()(picture, smaller) for RGB pictures.
void downscale(const dlib::array2d<dlib::rgb_pixel> &picture, dlib::array2d<dlib::rgb_pixel> &smaller, PyramidScratch &scratch);

}  // namespace facevalue

#endif
