// dlib's frontal face detector (five HOG filters scanned over an image pyramid, then
// non-maximum suppression; `dlib::get_frontal_face_detector()`), run on FaceValue's kernels:
// the same boxes, in the same order, with the same scores, bit for bit, as
// `detector(picture, found, 0.0)`.
#ifndef FACEVALUE_FRONTAL_DETECTOR_HPP
#define FACEVALUE_FRONTAL_DETECTOR_HPP

#include "FeaturePlanes.hpp"
#include "HOG.hpp"
#include "Pyramid.hpp"
#include "RGBView.hpp"
#include "SeparableFilter.hpp"

#include <dlib/image_processing/frontal_face_detector.h>

#include <string>
#include <vector>

namespace facevalue {

/// What the detector is made of: dlib's five filters as rank-one terms, their thresholds,
/// the scanning and overlap settings. Shared, read-only, by every thread's detector.
class FrontalModel {
public:
  /// The copy compiled in (FrontalFilters.inc, written from dlib by scripts/frontal-filters).
  static const FrontalModel &shared();
  /// dlib's own compressed copy, decoded and turned into filters by dlib's code (about a
  /// second of CPU: the reason for the compiled-in copy).
  static FrontalModel decodedByDlib();
  /// The first setting or tap in which two models differ; empty when they are the same.
  static std::string difference(const FrontalModel &a, const FrontalModel &b);

  struct Filter {
    SeparableFilter terms;
    /// The SVM bias: a window scores its filter response minus this.
    double threshold;
  };
  std::vector<Filter> filters;
  dlib::test_box_overlap overlap;
  int cellSize;
  /// The filters' size in cells (dlib's fhog window) and the detection box inside it.
  unsigned long windowRows, windowColumns, boxRows, boxColumns;
  unsigned long minLevelWidth, minLevelHeight, maxLevels;

private:
  FrontalModel() = default;
};

class FrontalDetector {
public:
  explicit FrontalDetector(const FrontalModel &model = FrontalModel::shared()) : model(model) {}

  /// The faces in `picture` scoring at least 0: dlib's `detector(picture, found, 0.0)`.
  void detect(const RGBView &picture, std::vector<dlib::rect_detection> &found);

private:
  const FrontalModel &model;
  PlanarPicture levels[2];
  FeaturePlanes features;
  HOGScratch hogScratch;
  PyramidScratch pyramidScratch;
  Saliency saliency;
  std::vector<float> filterScratch;
  std::vector<std::vector<std::pair<double, dlib::rectangle>>> windows;
};

}  // namespace facevalue

#endif
