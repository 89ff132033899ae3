// The face tracker: dlib's frontal face detector and 68-point shape predictor, with the
// detection rule of the facial-expressions landmark release: detect on the picture as it is
// (threshold 0); when that finds nothing, detect once more on the picture upsampled twice and
// map the boxes back. This is what dlib's Python binding does for `detector.run(img, 0, 0.0)`
// and `detector.run(img, 1, 0.0)` (tools/python/src/object_detection.h).
//
// Two implementations give the same faces bit for bit: FaceValue's (FrontalDetector and
// ShapeModel, the default, several times faster) and dlib's own classes (the reference the
// tests hold the first to).
#include "FaceTracker.h"
#include "Errors.hpp"
#include "FrontalDetector.hpp"
#include "ShapeModel.hpp"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace {

/// dlib's own detector and shape predictor.
struct Reference {
  dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
  std::shared_ptr<const dlib::shape_predictor> predictor;
};

/// Loads a shape predictor with dlib's own reader.
std::shared_ptr<const dlib::shape_predictor> dlibPredictor(const char *path) {
  auto predictor = std::make_shared<dlib::shape_predictor>();
  try {
    dlib::deserialize(path) >> *predictor;
  } catch (const dlib::serialization_error &e) {
    throw std::runtime_error(std::string(path) + " is not a dlib shape predictor model (" + e.what() + ")");
  }
  if (predictor->num_parts() != FV_LANDMARKS) {
    throw std::runtime_error(std::string(path) + " fits " + std::to_string(predictor->num_parts()) + " points, not 68");
  }
  return predictor;
}

}  // namespace

struct fv_tracker {
  // Detectors keep scratch memory while they scan, so each tracker has its own; the models
  // are only read, so clones share them.
  std::shared_ptr<const facevalue::ShapeModel> model;
  std::unique_ptr<facevalue::FrontalDetector> detector;
  std::unique_ptr<Reference> reference;
  dlib::array2d<dlib::rgb_pixel> upsampled;

  void detect(const facevalue::RGBView &image, std::vector<dlib::rect_detection> &found) {
    if (reference) {
      reference->detector(image, found, 0.0);
    } else {
      detector->detect(image, found);
    }
  }

  dlib::full_object_detection fit(const facevalue::RGBView &image, const dlib::rectangle &box) const {
    return reference ? (*reference->predictor)(image, box) : model->fit(image, box);
  }
};

using facevalue::guarded;

namespace {

void checkReadable(const char *path) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) throw std::runtime_error(std::string("cannot open the shape predictor model ") + path);
}

}  // namespace

extern "C" fv_tracker *fv_tracker_create(const char *model_path, char *error, size_t error_size) {
  return guarded<fv_tracker *>(error, error_size, nullptr, [&]() -> fv_tracker * {
    checkReadable(model_path);
    auto model = std::make_shared<const facevalue::ShapeModel>(model_path);
    if (model->parts() != FV_LANDMARKS) {
      throw std::runtime_error(std::string(model_path) + " fits " + std::to_string(model->parts()) + " points, not 68");
    }
    auto tracker = std::make_unique<fv_tracker>();
    tracker->model = std::move(model);
    tracker->detector = std::make_unique<facevalue::FrontalDetector>();
    return tracker.release();
  });
}

extern "C" fv_tracker *fv_reference_tracker_create(const char *model_path, char *error, size_t error_size) {
  return guarded<fv_tracker *>(error, error_size, nullptr, [&]() -> fv_tracker * {
    checkReadable(model_path);
    auto tracker = std::make_unique<fv_tracker>();
    tracker->reference = std::make_unique<Reference>();
    tracker->reference->predictor = dlibPredictor(model_path);
    return tracker.release();
  });
}

extern "C" fv_tracker *fv_tracker_clone(const fv_tracker *tracker, char *error, size_t error_size) {
  return guarded<fv_tracker *>(error, error_size, nullptr, [&]() -> fv_tracker * {
    if (tracker == nullptr) throw std::invalid_argument("no tracker");
    auto clone = std::make_unique<fv_tracker>();
    clone->model = tracker->model;
    if (tracker->reference) {
      clone->reference = std::make_unique<Reference>();
      clone->reference->predictor = tracker->reference->predictor;
    } else {
      clone->detector = std::make_unique<facevalue::FrontalDetector>();
    }
    return clone.release();
  });
}

extern "C" void fv_tracker_destroy(fv_tracker *tracker) { delete tracker; }

extern "C" int fv_tracker_check_detector(char *error, size_t error_size) {
  return guarded<int>(error, error_size, -1, [&]() -> int {
    const std::string difference =
      facevalue::FrontalModel::difference(facevalue::FrontalModel::shared(), facevalue::FrontalModel::decodedByDlib());
    if (difference.empty()) return 1;
    facevalue::report(error, error_size, "the face detector compiled in differs from dlib's: " + difference + " (run scripts/frontal-filters)");
    return 0;
  });
}

namespace {

/// A caller's picture, read in place.
facevalue::RGBView view(const fv_rgb_image &image) {
  if (image.pixels == nullptr || image.width <= 0 || image.height <= 0 || image.stride < 3 * image.width) {
    throw std::invalid_argument("empty picture or bad row stride");
  }
  return facevalue::RGBView(image.pixels, image.height, image.width, image.stride);
}

}  // namespace

extern "C" int fv_tracker_find(
  fv_tracker *tracker, fv_rgb_image image, fv_face *faces, int capacity, char *error, size_t error_size) {
  return guarded<int>(error, error_size, -1, [&]() -> int {
    if (tracker == nullptr) throw std::invalid_argument("no tracker");
    const facevalue::RGBView picture = view(image);
    std::vector<dlib::rect_detection> found;
    tracker->detect(picture, found);
    bool upsampled = false;
    if (found.empty()) {
      dlib::pyramid_down<2> pyramid;
      dlib::pyramid_up(picture, tracker->upsampled, pyramid);
      tracker->detect(facevalue::RGBView(tracker->upsampled), found);
      for (auto &detection : found) detection.rect = pyramid.rect_down(detection.rect, 1);
      upsampled = true;
    }
    // Largest box first; equal areas keep the detector's order (highest score first).
    std::vector<size_t> order(found.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const auto areaA = found[a].rect.area(), areaB = found[b].rect.area();
      return areaA != areaB ? areaA > areaB : a < b;
    });
    const int count = static_cast<int>(found.size());
    for (int i = 0; i < std::min(count, capacity); ++i) {
      const dlib::rect_detection &detection = found[order[i]];
      const dlib::rectangle box = detection.rect;
      const dlib::full_object_detection shape = tracker->fit(picture, box);
      fv_face &face = faces[i];
      face.left = box.left();
      face.top = box.top();
      face.right = box.right();
      face.bottom = box.bottom();
      face.score = detection.detection_confidence;
      face.upsampled = upsampled ? 1 : 0;
      for (int k = 0; k < FV_LANDMARKS; ++k) {
        face.x[k] = static_cast<double>(shape.part(k).x());
        face.y[k] = static_cast<double>(shape.part(k).y());
      }
    }
    return count;
  });
}
