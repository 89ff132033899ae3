// A reader of dlib's serialization format (dlib/serialize.h) over a buffered file: the
// integers and floats a shape predictor model is made of, decoded as dlib decodes them, at a
// fraction of the cost of dlib's istream-based reader (one virtual call per byte there).
#ifndef FACEVALUE_SERIALIZED_READER_HPP
#define FACEVALUE_SERIALIZED_READER_HPP

#include <dlib/float_details.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace facevalue {

class SerializedReader {
public:
  explicit SerializedReader(const std::string &path) : path(path), file(std::fopen(path.c_str(), "rb")), buffer(1 << 20) {
    if (file == nullptr) throw std::runtime_error("cannot open the shape predictor model " + path);
  }
  ~SerializedReader() { std::fclose(file); }

  /// The file's size in bytes.
  size_t fileSize() const {
    const long here = std::ftell(file);
    std::fseek(file, 0, SEEK_END);
    const long size = std::ftell(file);
    std::fseek(file, here, SEEK_SET);
    return size < 0 ? 0 : static_cast<size_t>(size);
  }
  SerializedReader(const SerializedReader &) = delete;
  SerializedReader &operator=(const SerializedReader &) = delete;

  /// A signed integer: a control byte (bit 7 the sign, bits 0-3 the byte count), then the
  /// magnitude's bytes, least significant first (dlib's `unpack_int` for signed types).
  int64_t signedInteger() {
    const uint8_t control = byte();
    const unsigned size = control & 0x0F;
    if (size == 0 || size > 8) fail("a bad integer");
    const int64_t value = static_cast<int64_t>(bytes(size));
    return (control & 0x80) ? -value : value;
  }

  /// An unsigned integer: a control byte (bits 4-6 reserved), then its bytes.
  uint64_t unsignedInteger() {
    const uint8_t size = byte() & 0x8F;
    if (size == 0 || size > 8) fail("a bad unsigned integer");
    return bytes(size);
  }

  /// A float in dlib's binary format: an int64 mantissa and an int16 exponent, converted as
  /// dlib's `float_details` converts them: std::ldexp((float)mantissa, exponent).
  float floatingPoint() {
    if (filled - position < 20) return slowFloatingPoint();
    // The common case, with both integers in the buffer.
    const uint8_t *p = buffer.data() + position;
    const uint8_t mantissaControl = p[0];
    const unsigned mantissaSize = mantissaControl & 0x0F;
    if ((mantissaControl & 0x70) != 0) fail("a float in dlib's old text format, which this reader does not take");
    if (mantissaSize == 0 || mantissaSize > 8) fail("a bad float mantissa");
    uint64_t mantissa = 0;
    for (unsigned i = 0; i < mantissaSize; ++i) mantissa |= static_cast<uint64_t>(p[1 + i]) << (8 * i);
    const uint8_t exponentControl = p[1 + mantissaSize];
    const unsigned exponentSize = exponentControl & 0x0F;
    if (exponentSize == 0 || exponentSize > 2) fail("a bad float exponent");
    uint64_t exponent = 0;
    for (unsigned i = 0; i < exponentSize; ++i) exponent |= static_cast<uint64_t>(p[2 + mantissaSize + i]) << (8 * i);
    position += 2 + mantissaSize + exponentSize;
    const int64_t m = (mantissaControl & 0x80) ? -static_cast<int64_t>(mantissa) : static_cast<int64_t>(mantissa);
    const int64_t e = (exponentControl & 0x80) ? -static_cast<int64_t>(exponent) : static_cast<int64_t>(exponent);
    return toFloat(m, e);
  }

  /// A count of elements that follow, no more than `limit` (a guard against garbage).
  size_t count(uint64_t limit) {
    const uint64_t n = unsignedInteger();
    if (n > limit) fail("an implausible element count " + std::to_string(n));
    return static_cast<size_t>(n);
  }

  [[noreturn]] void fail(const std::string &what) const {
    throw std::runtime_error(path + " is not a dlib shape predictor model (" + what + " near byte " + std::to_string(offset()) + ")");
  }

private:
  std::string path;
  std::FILE *file;
  std::vector<uint8_t> buffer;
  size_t position = 0, filled = 0, consumed = 0;

  size_t offset() const { return consumed + position; }

  float slowFloatingPoint() {
    if ((peek() & 0x70) != 0) fail("a float in dlib's old text format, which this reader does not take");
    const int64_t mantissa = signedInteger();
    const int64_t exponent = signedInteger();
    return toFloat(mantissa, exponent);
  }

  /// std::ldexp((float)mantissa, exponent), as dlib computes it, without the library call for
  /// ordinary exponents: scaling a float by a power of two in double is exact, and the one
  /// rounding to float is ldexp's.
  float toFloat(int64_t mantissa, int64_t exponent) {
    if (exponent < INT16_MIN || exponent > INT16_MAX) fail("a bad float exponent");
    if (exponent > -1000 && exponent < 1000) {
      const uint64_t bits = static_cast<uint64_t>(exponent + 1023) << 52;
      double power;
      std::memcpy(&power, &bits, sizeof power);
      return static_cast<float>(static_cast<double>(static_cast<float>(mantissa)) * power);
    }
    return static_cast<float>(dlib::float_details(mantissa, static_cast<dlib::int16>(exponent)));
  }

  bool refill() {
    consumed += filled;
    position = 0;
    filled = std::fread(buffer.data(), 1, buffer.size(), file);
    return filled > 0;
  }

  uint8_t peek() {
    if (__builtin_expect(position == filled, 0) && !refill()) fail("the file ends early");
    return buffer[position];
  }

  uint8_t byte() {
    const uint8_t value = peek();
    ++position;
    return value;
  }

  uint64_t bytes(unsigned size) {
    uint64_t value = 0;
    if (filled - position >= size) {
      // The common case: all in the buffer, no refill to check for.
      const uint8_t *p = buffer.data() + position;
      for (unsigned i = 0; i < size; ++i) value |= static_cast<uint64_t>(p[i]) << (8 * i);
      position += size;
      return value;
    }
    for (unsigned i = 0; i < size; ++i) value |= static_cast<uint64_t>(byte()) << (8 * i);
    return value;
  }
};

}  // namespace facevalue

#endif
