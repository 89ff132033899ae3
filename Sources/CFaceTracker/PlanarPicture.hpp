// An RGB picture as three planes of bytes (red, green, blue): the form the detector's
// pyramid and HOG kernels read and write, so that each reads and writes whole vectors of one
// colour instead of gathering bytes three apart.
#ifndef FACEVALUE_PLANAR_PICTURE_HPP
#define FACEVALUE_PLANAR_PICTURE_HPP

#include "RGBView.hpp"

#include <cstdint>
#include <vector>

namespace facevalue {

struct PlanarPicture {
  long rows = 0, columns = 0;
  /// Bytes from one row to the next; rows are padded so a kernel may read 16 bytes from any
  /// pixel of a row.
  long stride = 0;

  const uint8_t *row(int channel, long r) const { return bytes.data() + (static_cast<size_t>(channel) * rows + r) * stride; }
  uint8_t *row(int channel, long r) { return bytes.data() + (static_cast<size_t>(channel) * rows + r) * stride; }

  void resize(long rows, long columns) {
    this->rows = rows;
    this->columns = columns;
    stride = columns + 16;
    // Grown, never shrunk: the pyramid's buffers take turns holding large and small levels.
    const size_t size = 3 * static_cast<size_t>(rows) * stride + 16;
    if (bytes.size() < size) bytes.resize(size);
  }

  /// The planes of an interleaved picture.
  void assign(const RGBView &picture) {
    resize(picture.rows, picture.columns);
    for (long r = 0; r < rows; ++r) {
      const uint8_t *pixels = picture.row(r);
      uint8_t *red = row(0, r), *green = row(1, r), *blue = row(2, r);
      for (long c = 0; c < columns; ++c) {
        red[c] = pixels[3 * c];
        green[c] = pixels[3 * c + 1];
        blue[c] = pixels[3 * c + 2];
      }
    }
  }

private:
  std::vector<uint8_t> bytes;
};

}  // namespace facevalue

#endif
