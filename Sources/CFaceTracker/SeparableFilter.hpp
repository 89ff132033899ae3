// A detector's linear filter over HOG planes, as rank-one (separable) terms: the score of
// every window position, as dlib's `apply_filters_to_fhog` computes it with
// `float_spatially_filter_image_separable`, bit for bit (each term's row and column passes
// with dlib's three interleaved sums in its vector columns and one running sum in the columns
// after them, the terms added in dlib's order). The row pass skips the planes' rows of zero
// padding, whose results are zeros.
#ifndef FACEVALUE_SEPARABLE_FILTER_HPP
#define FACEVALUE_SEPARABLE_FILTER_HPP

#include "FeaturePlanes.hpp"

#include <dlib/geometry/rectangle.h>

#include <vector>

namespace facevalue {

struct SeparableFilter {
  /// The filters' size in HOG cells, both ways (dlib's face detector's 80 x 80 pixel window).
  static constexpr int taps = 10;
  /// One rank-one term: `row` convolved along the rows of plane `plane`, then `column` down its columns.
  struct Term {
    int plane;
    std::vector<float> row, column;
  };
  /// In dlib's order: by plane, then by singular value.
  std::vector<Term> terms;
};

/// Scores of one filter at every position of one picture's planes.
struct Saliency {
  int rows = 0, columns = 0;
  std::vector<float> values;
  float at(long row, long column) const { return values[static_cast<size_t>(row) * columns + column]; }
};

/// Fills `saliency` and returns the positions it holds scores for (dlib's `non_border`;
/// empty when the planes are).
dlib::rectangle applyFilter(const FeaturePlanes &planes, const SeparableFilter &filter, Saliency &saliency, std::vector<float> &scratch);

}  // namespace facevalue

#endif
