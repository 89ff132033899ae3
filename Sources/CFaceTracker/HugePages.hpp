// Memory for large tables that are read at random (the shape model's leaves): aligned to and
// advised onto 2 MB pages, so that reading them does not miss the processor's address
// translation cache at nearly every access, as 4 KB pages do over a 65 MB table. Where the
// system has no transparent huge pages the advice is ignored and only speed differs.
#ifndef FACEVALUE_HUGE_PAGES_HPP
#define FACEVALUE_HUGE_PAGES_HPP

#include <cstdlib>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace facevalue {

/// `count` zeroed floats on huge pages where the system offers them.
class HugePageFloats {
public:
  HugePageFloats() = default;
  explicit HugePageFloats(size_t count) : count(count) {
    constexpr size_t page = size_t(2) << 20;
    const size_t bytes = (count * sizeof(float) + page - 1) / page * page;
    void *memory = bytes == 0 ? nullptr : std::aligned_alloc(page, bytes);
    if (bytes != 0 && memory == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (memory != nullptr) madvise(memory, bytes, MADV_HUGEPAGE);
#endif
    values.reset(static_cast<float *>(memory));
  }

  float *data() { return values.get(); }
  const float *data() const { return values.get(); }
  size_t size() const { return count; }

private:
  struct Free {
    void operator()(float *p) const { std::free(p); }
  };
  std::unique_ptr<float, Free> values;
  size_t count = 0;
};

}  // namespace facevalue

#endif
