// dlib's shape predictor (a cascade of regression-tree ensembles; Kazemi & Sullivan, "One
// Millisecond Face Alignment with an Ensemble of Regression Trees", CVPR 2014) with its trees
// in flat arrays. dlib keeps every split list and leaf vector in its own heap block, so fitting
// one face chases thousands of pointers through a 100 MB model and waits on memory at each;
// here the splits of a cascade are contiguous, the leaves a tree can end in are side by side,
// and the leaves chosen are fetched ahead of their use. The arithmetic is dlib's, in dlib's
// order, so the points are the ones dlib::shape_predictor gives, bit for bit.
#ifndef FACEVALUE_SHAPE_MODEL_HPP
#define FACEVALUE_SHAPE_MODEL_HPP

#include <dlib/image_processing/full_object_detection.h>
#include <dlib/image_processing/shape_predictor.h>

#include "HugePages.hpp"
#include "RGBView.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace facevalue {

class ShapeModel {
public:
  /// Reads a model file in dlib's format (as `dlib::deserialize(path) >> shape_predictor`
  /// does); throws std::runtime_error naming the file when it is not one.
  explicit ShapeModel(const std::string &path);

  /// The number of points the model fits.
  unsigned long parts() const { return initial.size() / 2; }

  /// The points of the face in `box`: dlib::shape_predictor::operator()(image, box).
  dlib::full_object_detection fit(const RGBView &image, const dlib::rectangle &box) const;

private:
  struct Cascade {
    std::vector<unsigned long> anchors;
    std::vector<dlib::vector<float, 2>> deltas;
    size_t trees = 0;
    /// Per tree, its splits in dlib's order (node i's children are 2i+1 and 2i+2).
    std::vector<uint32_t> first, second;
    std::vector<float> thresholds;
    /// Where its leaves start in `leaves`: per tree, its leaves, each `initial.size()` floats.
    size_t firstLeaf = 0;
  };

  dlib::matrix<float, 0, 1> initial;
  std::vector<Cascade> cascades;
  /// The leaves of every cascade, one after the other.
  HugePageFloats leaves;
  size_t splitsPerTree = 0;
};

}  // namespace facevalue

#endif
