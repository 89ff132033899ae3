// The 31 planes of Felzenszwalb HOG features of one picture (dlib's `extract_fhog_features`
// layout): each plane padded by the detection window, so that a window centred anywhere in
// the picture reads zeros outside it.
#ifndef FACEVALUE_FEATURE_PLANES_HPP
#define FACEVALUE_FEATURE_PLANES_HPP

#include <cstddef>
#include <vector>

namespace facevalue {

struct FeaturePlanes {
  static constexpr int count = 31;
  /// Size of each plane, padding included (0 when the picture is too small for one cell).
  int rows = 0, columns = 0;
  /// The rows that may be non-zero: [firstRow, endRow); the others are padding.
  int firstRow = 0, endRow = 0;

  bool empty() const { return rows == 0; }
  float *plane(int k) { return values.data() + static_cast<std::size_t>(k) * rows * columns; }
  const float *plane(int k) const { return values.data() + static_cast<std::size_t>(k) * rows * columns; }

  /// Sizes the planes and zeroes them. A few floats of slack follow the last plane, so a
  /// kernel may read a whole vector that starts inside it.
  void reset(int rows, int columns) {
    this->rows = rows;
    this->columns = columns;
    values.assign(static_cast<std::size_t>(count) * rows * columns + 16, 0.0f);
  }
  void clear() {
    rows = columns = firstRow = endRow = 0;
    values.clear();
  }

private:
  std::vector<float> values;
};

}  // namespace facevalue

#endif
