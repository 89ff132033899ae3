// A caller's interleaved 8-bit RGB picture seen through dlib's generic image interface
// (dlib/image_processing/generic_image.h), so that dlib's functions and FaceValue's kernels
// read the decoder's buffer where it is, without a copy.
#ifndef FACEVALUE_RGB_VIEW_HPP
#define FACEVALUE_RGB_VIEW_HPP

#include <dlib/array2d.h>
#include <dlib/image_processing/generic_image.h>
#include <dlib/pixel.h>

#include <cstdint>

namespace facevalue {

struct RGBView {
  const uint8_t *pixels = nullptr;
  long rows = 0, columns = 0;
  /// Bytes from one row to the next.
  long stride = 0;

  RGBView() = default;
  RGBView(const uint8_t *pixels, long rows, long columns, long stride) : pixels(pixels), rows(rows), columns(columns), stride(stride) {}
  explicit RGBView(const dlib::array2d<dlib::rgb_pixel> &picture)
      : pixels(picture.size() ? reinterpret_cast<const uint8_t *>(&picture[0][0]) : nullptr), rows(picture.nr()),
        columns(picture.nc()), stride(picture.size() ? dlib::width_step(picture) : 0) {}

  const uint8_t *row(long r) const { return pixels + r * stride; }
};

inline long num_rows(const RGBView &view) { return view.rows; }
inline long num_columns(const RGBView &view) { return view.columns; }
inline const void *image_data(const RGBView &view) { return view.pixels; }
inline long width_step(const RGBView &view) { return view.stride; }

}  // namespace facevalue

namespace dlib {
template <>
struct image_traits<facevalue::RGBView> {
  typedef rgb_pixel pixel_type;
};
}  // namespace dlib

#endif
