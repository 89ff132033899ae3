// A check of SerializedReader against dlib's own readers: both walk a shape predictor model
// file value by value (dlib::shape_predictor's layout) and every integer and float must be
// the same, to the bit. The tests run it on the model the tracker uses.
#include "FaceTracker.h"
#include "Errors.hpp"
#include "SerializedReader.hpp"

#include <dlib/serialize.h>

#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>

using facevalue::guarded;

namespace {

struct Walk {
  std::ifstream dlibSide;
  facevalue::SerializedReader ours;
  long values = 0;

  explicit Walk(const char *path) : dlibSide(path, std::ios::binary), ours(path) {
    if (!dlibSide) throw std::runtime_error(std::string("cannot open ") + path);
  }

  [[noreturn]] void differ(const std::string &what) {
    throw std::runtime_error("value " + std::to_string(values) + " (" + what + ") differs from dlib's reading");
  }
  long integer() {
    long theirs;
    dlib::deserialize(theirs, dlibSide);
    ++values;
    if (ours.signedInteger() != theirs) differ("an integer");
    return theirs;
  }
  unsigned long count() {
    unsigned long theirs;
    dlib::deserialize(theirs, dlibSide);
    ++values;
    if (ours.unsignedInteger() != theirs) differ("a count");
    return theirs;
  }
  void real() {
    float theirs;
    dlib::deserialize(theirs, dlibSide);
    ++values;
    const float mine = ours.floatingPoint();
    if (std::memcmp(&mine, &theirs, sizeof mine) != 0) differ("a float");
  }
  void column() {
    const long rows = integer(), columns = integer();
    for (long i = 0; i < std::labs(rows) * std::labs(columns); ++i) real();
  }
};

}  // namespace

extern "C" long fv_model_reader_check(const char *model_path, char *error, size_t error_size) {
  return guarded<long>(error, error_size, -1, [&]() -> long {
    Walk walk(model_path);
    walk.integer();
    walk.column();
    for (unsigned long cascades = walk.count(), k = 0; k < cascades; ++k) {
      for (unsigned long trees = walk.count(), t = 0; t < trees; ++t) {
        for (unsigned long splits = walk.count(), j = 0; j < splits; ++j) {
          walk.count();
          walk.count();
          walk.real();
        }
        for (unsigned long leaves = walk.count(), j = 0; j < leaves; ++j) walk.column();
      }
    }
    for (unsigned long cascades = walk.count(), k = 0; k < cascades; ++k) {
      for (unsigned long anchors = walk.count(), j = 0; j < anchors; ++j) walk.count();
    }
    for (unsigned long cascades = walk.count(), k = 0; k < cascades; ++k) {
      for (unsigned long deltas = walk.count(), j = 0; j < deltas; ++j) {
        walk.real();
        walk.real();
      }
    }
    return walk.values;
  });
}
