// Memory for a large table that is read at random (the shape model's leaves): placed on 2 MB
// pages, so that reading it does not miss the processor's address-translation cache at
// nearly every access, as 4 KB pages do over a 65 MB table. Address space is reserved for a
// bound on the table's size and only the pages written take memory. Where the system has no
// transparent huge pages the advice is ignored and only speed differs.
#ifndef FACEVALUE_HUGE_PAGES_HPP
#define FACEVALUE_HUGE_PAGES_HPP

#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace facevalue {

/// Room for up to `capacity` floats, zero until written.
class HugePageFloats {
public:
  HugePageFloats() = default;
  explicit HugePageFloats(size_t capacity) {
    if (capacity == 0) return;
#if defined(__linux__)
    constexpr size_t page = size_t(2) << 20;
    const size_t used = (capacity * sizeof(float) + page - 1) / page * page;
    size = used + page;
    void *memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (memory == MAP_FAILED) throw std::bad_alloc();
    region = memory;
    const uintptr_t aligned = (reinterpret_cast<uintptr_t>(memory) + page - 1) / page * page;
    values = reinterpret_cast<float *>(aligned);
#if defined(MADV_HUGEPAGE)
    madvise(values, used, MADV_HUGEPAGE);
#endif
#else
    region = std::calloc(capacity, sizeof(float));
    if (region == nullptr) throw std::bad_alloc();
    values = static_cast<float *>(region);
#endif
  }
  HugePageFloats(HugePageFloats &&other) noexcept { *this = std::move(other); }
  HugePageFloats &operator=(HugePageFloats &&other) noexcept {
    std::swap(region, other.region);
    std::swap(size, other.size);
    std::swap(values, other.values);
    return *this;
  }
  HugePageFloats(const HugePageFloats &) = delete;
  HugePageFloats &operator=(const HugePageFloats &) = delete;
  ~HugePageFloats() {
    if (region == nullptr) return;
#if defined(__linux__)
    munmap(region, size);
#else
    std::free(region);
#endif
  }

  float *data() { return values; }
  const float *data() const { return values; }

private:
  void *region = nullptr;
  size_t size = 0;
  float *values = nullptr;
};

}  // namespace facevalue

#endif
