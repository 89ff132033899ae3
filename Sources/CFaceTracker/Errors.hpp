// Runs a body at the C boundary: every exception becomes a message in the caller's buffer.
#ifndef FACEVALUE_FACE_TRACKER_ERRORS_HPP
#define FACEVALUE_FACE_TRACKER_ERRORS_HPP

#include <cstdio>
#include <exception>
#include <new>
#include <string>

namespace facevalue {

/// Copies `message` into `error` (truncated, always terminated) when there is a buffer.
inline void report(char *error, size_t size, const std::string &message) {
  if (error == nullptr || size == 0) return;
  std::snprintf(error, size, "%s", message.c_str());
}

/// Calls `body`; on any exception fills `error` and returns `failed`.
template <typename Result, typename Body>
Result guarded(char *error, size_t size, Result failed, Body body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    report(error, size, "out of memory");
  } catch (const std::exception &e) {
    report(error, size, e.what());
  } catch (...) {
    report(error, size, "unknown C++ exception");
  }
  return failed;
}

}  // namespace facevalue

#endif
