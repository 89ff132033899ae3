// dlib 19.24's apply_filters_to_fhog (dlib/image_processing/scan_fhog_pyramid.h, separable
// branch) and float_spatially_filter_image_separable (dlib/image_transforms/spatial_filtering.h).
#include "SeparableFilter.hpp"
#include "Lanes.hpp"

#include <algorithm>
#include <stdexcept>

namespace facevalue {

namespace {

/// One filter pass over eight columns: `source(n)` is the input under tap n. In dlib's
/// vector columns (`Interleaved`) the taps go to three sums combined as s0 + (s1 + s2); in
/// its scalar columns to one running sum. The filter length is a compile-time constant, so
/// the loop unrolls and the sums stay in registers.
template <int Taps, bool Interleaved, typename Filter, typename Source>
inline __attribute__((always_inline)) f8 pass(Filter filter, Source source) {
  f8 s0 = splat8(0.0f), s1 = splat8(0.0f), s2 = splat8(0.0f);
  if (!Interleaved) {
    for (int n = 0; n < Taps; ++n) s0 += source(n) * filter(n);
    return s0;
  }
  int n = 0;
  for (; n < Taps - 2; n += 3) {
    s0 += source(n) * filter(n);
    s1 += source(n + 1) * filter(n + 1);
    s2 += source(n + 2) * filter(n + 2);
  }
  for (; n < Taps; ++n) s0 += source(n) * filter(n);
  return s0 + (s1 + s2);
}

/// Stores the first `count` lanes of `v`.
void storeSome(float *p, f8 v, long count) {
  if (count >= 8) {
    store8(p, v);
    return;
  }
  float lanes[8];
  store8(lanes, v);
  std::copy(lanes, lanes + count, p);
}

/// The taps of a filter as vectors of eight equal lanes: a set of registers, loaded once per
/// term instead of once per use.
template <int Taps>
struct Broadcast {
  f8 taps[Taps];
  explicit Broadcast(const std::vector<float> &filter) {
    for (int n = 0; n < Taps; ++n) taps[n] = splat8(filter[n]);
  }
  f8 operator()(int n) const { return taps[n]; }
};

/// One term's row and column passes (see applyFilter); `First` when it is the first term,
/// whose scores are stored rather than added.
template <int Taps, bool First>
void addTerm(const FeaturePlanes &planes, const SeparableFilter::Term &term, Saliency &saliency, std::vector<float> &scratch) {
  const long rows = planes.rows, columns = planes.columns;
  const long firstRow = Taps / 2, firstColumn = Taps / 2;
  const long lastRow = rows - (Taps - 1) / 2, lastColumn = columns - (Taps - 1) / 2;
  // dlib's vector loop: c = firstColumn, firstColumn + 8, … while c < lastColumn - 7.
  long vectorEnd = firstColumn;
  while (vectorEnd < lastColumn - 7) vectorEnd += 8;
  const float *input = planes.plane(term.plane);
  const Broadcast<Taps> rowFilter(term.row), columnFilter(term.column);

  // Row pass, on the rows that are not padding (the others are zeros and never read).
  for (long r = planes.firstRow; r < planes.endRow; ++r) {
    const float *in = input + r * columns - firstColumn;
    float *out = scratch.data() + r * columns;
    long c = firstColumn;
    for (; c < vectorEnd; c += 8) store8(out + c, pass<Taps, true>(rowFilter, [&](int n) { return load8(in + c + n); }));
    if (c < lastColumn) storeSome(out + c, pass<Taps, false>(rowFilter, [&](int n) { return load8(in + c + n); }), lastColumn - c);
  }

  // Column pass, added to the scores of the earlier terms. The scratch rows of padding hold
  // zeros (see applyFilter), as dlib's row pass gives them.
  for (long r = firstRow; r < lastRow; ++r) {
    const float *in = scratch.data() + (r - firstRow) * columns;
    float *out = saliency.values.data() + r * columns;
    auto add = [&](long c, f8 v) { return First ? v : v + load8(out + c); };
    long c = firstColumn;
    for (; c < vectorEnd; c += 8)
      store8(out + c, add(c, pass<Taps, true>(columnFilter, [&](int m) { return load8(in + m * columns + c); })));
    if (c < lastColumn)
      storeSome(out + c, add(c, pass<Taps, false>(columnFilter, [&](int m) { return load8(in + m * columns + c); })), lastColumn - c);
  }
}

}  // namespace

dlib::rectangle applyFilter(const FeaturePlanes &planes, const SeparableFilter &filter, Saliency &saliency, std::vector<float> &scratch) {
  if (planes.empty() || filter.terms.empty()) {
    saliency = Saliency();
    return dlib::rectangle();
  }
  const long rows = planes.rows, columns = planes.columns;
  saliency.rows = static_cast<int>(rows);
  saliency.columns = static_cast<int>(columns);
  saliency.values.assign(static_cast<size_t>(rows) * columns + 16, 0.0f);
  // Rows of padding are zeros after any row pass; they are written once, here.
  scratch.assign(static_cast<size_t>(rows) * columns + 16, 0.0f);
  bool first = true;
  constexpr int taps = SeparableFilter::taps;
  for (const SeparableFilter::Term &term : filter.terms) {
    if (term.row.size() != taps || term.column.size() != taps) throw std::logic_error("a detector filter that is not 10 by 10 cells");
    if (first) {
      addTerm<taps, true>(planes, term, saliency, scratch);
    } else {
      addTerm<taps, false>(planes, term, saliency, scratch);
    }
    first = false;
  }
  // dlib's `non_border`.
  return dlib::rectangle(taps / 2, taps / 2, columns - (taps - 1) / 2 - 1, rows - (taps - 1) / 2 - 1);
}

}  // namespace facevalue
