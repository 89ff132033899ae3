#include "ShapeModel.hpp"
#include "SerializedReader.hpp"

namespace facevalue {

namespace {

/// Limits well above any real model (dlib's 68-point model: 15 cascades of 500 trees of 15
/// splits over 500 feature pixels), so a damaged count fails here instead of allocating.
constexpr uint64_t maxCount = 1u << 24;

/// A dlib::matrix<float,0,1>: rows and columns (negated in dlib's current format), then the
/// elements row by row.
size_t columnLength(SerializedReader &in) {
  int64_t rows = in.signedInteger(), columns = in.signedInteger();
  if (rows < 0 || columns < 0) rows = -rows, columns = -columns;
  if (columns != 1 || rows < 0 || static_cast<uint64_t>(rows) > maxCount) in.fail("a matrix that is not a column vector");
  return static_cast<size_t>(rows);
}

}  // namespace

ShapeModel::ShapeModel(const std::string &path) {
  SerializedReader in(path);
  // Each float takes at least four bytes of the file, so the leaves take at most its size.
  const size_t leafCapacity = in.fileSize() / sizeof(float);
  leaves = HugePageFloats(leafCapacity);
  size_t leafCount = 0;
  if (in.signedInteger() != 1) in.fail("an unknown shape_predictor version");
  initial.set_size(static_cast<long>(columnLength(in)));
  for (float &value : initial) value = in.floatingPoint();
  const size_t dims = initial.size();
  if (dims == 0 || dims % 2 != 0) in.fail("an initial shape of " + std::to_string(dims) + " values");

  cascades.resize(in.count(maxCount));
  for (Cascade &cascade : cascades) {
    cascade.trees = in.count(maxCount);
    for (size_t t = 0; t < cascade.trees; ++t) {
      const size_t splits = in.count(maxCount);
      if (splitsPerTree == 0) splitsPerTree = splits;
      if (splits == 0 || splits != splitsPerTree) in.fail("trees of differing depth");
      for (size_t s = 0; s < splits; ++s) {
        const uint64_t first = in.unsignedInteger(), second = in.unsignedInteger();
        if (first > UINT32_MAX || second > UINT32_MAX) in.fail("a split on an impossible feature");
        cascade.first.push_back(static_cast<uint32_t>(first));
        cascade.second.push_back(static_cast<uint32_t>(second));
        cascade.thresholds.push_back(in.floatingPoint());
      }
      if (in.count(maxCount) != splits + 1) in.fail("a tree whose leaves do not match its splits");
      if (t == 0) cascade.firstLeaf = leafCount;
      for (size_t leaf = 0; leaf <= splits; ++leaf) {
        if (columnLength(in) != dims) in.fail("a leaf whose size is not the shape's");
        if (leafCount + dims > leafCapacity) in.fail("more leaf values than the file can hold");
        float *values = leaves.data() + leafCount;
        for (size_t e = 0; e < dims; ++e) values[e] = in.floatingPoint();
        leafCount += dims;
      }
    }
  }

  if (in.count(maxCount) != cascades.size()) in.fail("feature anchors for a different number of cascades");
  for (Cascade &cascade : cascades) {
    cascade.anchors.resize(in.count(maxCount));
    for (unsigned long &anchor : cascade.anchors) {
      anchor = in.unsignedInteger();
      if (anchor >= dims / 2) in.fail("a feature anchored to a point the shape lacks");
    }
  }
  if (in.count(maxCount) != cascades.size()) in.fail("feature offsets for a different number of cascades");
  for (Cascade &cascade : cascades) {
    cascade.deltas.resize(in.count(maxCount));
    if (cascade.deltas.size() != cascade.anchors.size()) in.fail("feature offsets and anchors of different counts");
    for (dlib::vector<float, 2> &delta : cascade.deltas) {
      const float x = in.floatingPoint(), y = in.floatingPoint();
      delta = dlib::vector<float, 2>(x, y);
    }
    for (size_t k = 0; k < cascade.first.size(); ++k) {
      if (cascade.first[k] >= cascade.anchors.size() || cascade.second[k] >= cascade.anchors.size()) {
        in.fail("a split on a feature pixel the cascade lacks");
      }
    }
  }
}

dlib::full_object_detection ShapeModel::fit(const RGBView &image, const dlib::rectangle &box) const {
  const size_t dims = initial.size(), leavesPerTree = splitsPerTree + 1;
  // How many trees ahead of its addition a chosen leaf is fetched: enough to cover a memory
  // round trip, few enough for the processor to keep the fetches in flight.
  constexpr size_t ahead = 16;
  dlib::matrix<float, 0, 1> shape = initial;
  std::vector<float> pixels;
  std::vector<const float *> chosen;
  for (const Cascade &cascade : cascades) {
    dlib::impl::extract_feature_pixel_values(image, box, shape, initial, cascade.anchors, cascade.deltas, pixels);
    // Every tree of a cascade reads the same pixels, so a tree's leaf can be chosen (and
    // fetched) while the leaves of earlier trees are added, in tree order as dlib adds them
    // (float sums depend on the order).
    chosen.resize(cascade.trees);
    float *sum = &shape(0);
    for (size_t t = 0; t < cascade.trees + ahead; ++t) {
      if (t < cascade.trees) {
        const size_t base = t * splitsPerTree;
        size_t node = 0;
        while (node < splitsPerTree) {
          const size_t k = base + node;
          node = pixels[cascade.first[k]] - pixels[cascade.second[k]] > cascade.thresholds[k] ? 2 * node + 1 : 2 * node + 2;
        }
        chosen[t] = leaves.data() + cascade.firstLeaf + (t * leavesPerTree + node - splitsPerTree) * dims;
        const char *leaf = reinterpret_cast<const char *>(chosen[t]);
        for (size_t byte = 0; byte < dims * sizeof(float); byte += 64) __builtin_prefetch(leaf + byte);
        __builtin_prefetch(leaf + dims * sizeof(float) - 1);
      }
      if (t >= ahead) {
        const float *leaf = chosen[t - ahead];
        for (size_t e = 0; e < dims; ++e) sum[e] += leaf[e];
      }
    }
  }
  const dlib::point_transform_affine toImage = dlib::impl::unnormalizing_tform(box);
  std::vector<dlib::point> parts(dims / 2);
  for (size_t i = 0; i < parts.size(); ++i) parts[i] = toImage(dlib::impl::location(shape, i));
  return dlib::full_object_detection(box, parts);
}

}  // namespace facevalue
