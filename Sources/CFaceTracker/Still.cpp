// Still images through dlib's loaders, which choose JPEG, PNG, BMP or GIF by the file's
// first bytes (not its name) and convert grey to RGB.
#include "FaceTracker.h"
#include "Errors.hpp"

#include <dlib/image_io.h>

#include <fstream>
#include <memory>
#include <stdexcept>

struct fv_still {
  dlib::array2d<dlib::rgb_pixel> picture;
};

using facevalue::guarded;

extern "C" fv_still *fv_still_load(const char *path, char *error, size_t error_size) {
  return guarded<fv_still *>(error, error_size, nullptr, [&]() -> fv_still * {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw std::runtime_error("cannot open the file");
    probe.close();
    auto still = std::make_unique<fv_still>();
    try {
      dlib::load_image(still->picture, path);
    } catch (const dlib::image_load_error &e) {
      throw std::runtime_error(std::string("not a readable JPEG, PNG, BMP or GIF image (") + e.what() + ")");
    }
    if (still->picture.size() == 0) throw std::runtime_error("the image has no pixels");
    return still.release();
  });
}

extern "C" void fv_still_free(fv_still *still) { delete still; }

extern "C" fv_rgb_image fv_still_image(const fv_still *still) {
  if (still == nullptr || still->picture.size() == 0) return fv_rgb_image{nullptr, 0, 0, 0};
  const auto &picture = still->picture;
  return fv_rgb_image{
    reinterpret_cast<const uint8_t *>(&picture[0][0]), static_cast<int>(picture.nc()), static_cast<int>(picture.nr()),
    static_cast<int>(dlib::width_step(picture))};
}
