// dlib 19.24's object_detector<scan_fhog_pyramid<pyramid_down<6>>>::operator()(img, dets,
// adjust_threshold) with scan_fhog_pyramid::load, create_fhog_pyramid and
// detect_from_fhog_pyramid (dlib/image_processing/object_detector.h, scan_fhog_pyramid.h),
// restructured: each pyramid level is scored by all five filters while its features are in
// the cache, and the windows are gathered in dlib's order (filter, level, row, column).
#include "FrontalDetector.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace facevalue {

namespace {

float fromBits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

}  // namespace

const FrontalModel &FrontalModel::shared() {
  static const FrontalModel model = [] {
    FrontalModel m;
#define FRONTAL_SETTINGS(cell, rows, columns, padding, minWidth, minHeight, levels, iou, covered) \
  m.cellSize = cell;                                                                             \
  m.windowRows = rows;                                                                           \
  m.windowColumns = columns;                                                                     \
  m.boxRows = rows - 2 * padding;                                                                \
  m.boxColumns = columns - 2 * padding;                                                          \
  m.minLevelWidth = minWidth;                                                                    \
  m.minLevelHeight = minHeight;                                                                  \
  m.maxLevels = levels;                                                                          \
  m.overlap = dlib::test_box_overlap(iou, covered);
#define FRONTAL_FILTER(threshold) m.filters.push_back(Filter{SeparableFilter{}, threshold});
#define FRONTAL_TERM(plane, ...)                                                         \
  {                                                                                      \
    const uint32_t taps[] = {__VA_ARGS__};                                               \
    SeparableFilter::Term term{plane, {}, {}};                                           \
    for (size_t k = 0; k < m.windowColumns; ++k) term.row.push_back(fromBits(taps[k])); \
    for (size_t k = 0; k < m.windowRows; ++k)                                            \
      term.column.push_back(fromBits(taps[m.windowColumns + k]));                        \
    m.filters.back().terms.terms.push_back(std::move(term));                             \
  }
#include "FrontalFilters.inc"
#undef FRONTAL_SETTINGS
#undef FRONTAL_FILTER
#undef FRONTAL_TERM
    return m;
  }();
  return model;
}

FrontalModel FrontalModel::decodedByDlib() {
  FrontalModel model;
  const dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
  const auto &scanner = detector.get_scanner();
  model.cellSize = static_cast<int>(scanner.get_cell_size());
  model.windowRows = scanner.get_fhog_window_height();
  model.windowColumns = scanner.get_fhog_window_width();
  model.boxRows = model.windowRows - 2 * scanner.get_padding();
  model.boxColumns = model.windowColumns - 2 * scanner.get_padding();
  model.minLevelWidth = scanner.get_min_pyramid_layer_width();
  model.minLevelHeight = scanner.get_min_pyramid_layer_height();
  model.maxLevels = scanner.get_max_pyramid_levels();
  model.overlap = detector.get_overlap_tester();
  for (unsigned long d = 0; d < detector.num_detectors(); ++d) {
    const auto &bank = detector.get_processed_w(d).get_detect_argument();
    // dlib filters with the full 2D filters when the separable ones would be slower; never
    // for this model (54 to 66 rank-one terms against a limit of 103).
    const double limit = bank.filters.size() * std::min(bank.filters[0].nr(), bank.filters[0].nc()) / 3.0;
    if (bank.num_separable_filters() > limit) throw std::logic_error("dlib's face detector has a filter that is not separable");
    Filter filter{SeparableFilter{}, detector.get_processed_w(d).w(scanner.get_num_dimensions())};
    for (size_t plane = 0; plane < bank.row_filters.size(); ++plane) {
      for (size_t j = 0; j < bank.row_filters[plane].size(); ++j) {
        const auto &row = bank.row_filters[plane][j], &column = bank.col_filters[plane][j];
        SeparableFilter::Term term{static_cast<int>(plane), {}, {}};
        for (long k = 0; k < row.size(); ++k) term.row.push_back(row(k));
        for (long k = 0; k < column.size(); ++k) term.column.push_back(column(k));
        filter.terms.terms.push_back(std::move(term));
      }
    }
    model.filters.push_back(std::move(filter));
  }
  return model;
}

std::string FrontalModel::difference(const FrontalModel &a, const FrontalModel &b) {
  auto same = [](float x, float y) { return std::memcmp(&x, &y, sizeof x) == 0; };
  if (a.cellSize != b.cellSize || a.windowRows != b.windowRows || a.windowColumns != b.windowColumns || a.boxRows != b.boxRows ||
      a.boxColumns != b.boxColumns || a.minLevelWidth != b.minLevelWidth || a.minLevelHeight != b.minLevelHeight ||
      a.maxLevels != b.maxLevels) {
    return "the scanning settings differ";
  }
  if (a.overlap.get_iou_thresh() != b.overlap.get_iou_thresh() ||
      a.overlap.get_percent_covered_thresh() != b.overlap.get_percent_covered_thresh()) {
    return "the overlap settings differ";
  }
  if (a.filters.size() != b.filters.size()) return "the number of filters differs";
  for (size_t d = 0; d < a.filters.size(); ++d) {
    const auto &x = a.filters[d], &y = b.filters[d];
    if (x.threshold != y.threshold) return "filter " + std::to_string(d) + ": the thresholds differ";
    if (x.terms.terms.size() != y.terms.terms.size()) return "filter " + std::to_string(d) + ": the number of terms differs";
    for (size_t t = 0; t < x.terms.terms.size(); ++t) {
      const auto &p = x.terms.terms[t], &q = y.terms.terms[t];
      const bool equal = p.plane == q.plane && p.row.size() == q.row.size() && p.column.size() == q.column.size() &&
                         std::equal(p.row.begin(), p.row.end(), q.row.begin(), same) &&
                         std::equal(p.column.begin(), p.column.end(), q.column.begin(), same);
      if (!equal) return "filter " + std::to_string(d) + ", term " + std::to_string(t) + " differs";
    }
  }
  return "";
}

void FrontalDetector::detect(const RGBView &picture, std::vector<dlib::rect_detection> &found) {
  found.clear();
  dlib::pyramid_down<6> pyramid;
  const dlib::default_fhog_feature_extractor extractor;
  // As many levels as dlib's create_fhog_pyramid makes.
  unsigned long levelCount = 0;
  dlib::rectangle rect = dlib::get_rect(picture);
  do {
    rect = pyramid.rect_down(rect);
    ++levelCount;
  } while (rect.width() >= model.minLevelWidth && rect.height() >= model.minLevelHeight && levelCount < model.maxLevels);

  windows.resize(model.filters.size());
  for (auto &w : windows) w.clear();
  levels[0].assign(picture);
  const PlanarPicture *level = &levels[0];
  for (unsigned long l = 0; l < levelCount; ++l) {
    if (l > 0) {
      PlanarPicture &smaller = levels[l % 2];
      downscale(*level, smaller, pyramidScratch);
      level = &smaller;
    }
    extractHOG(*level, model.cellSize, static_cast<int>(model.windowRows), static_cast<int>(model.windowColumns), hogScratch, features);
    for (size_t d = 0; d < model.filters.size(); ++d) {
      const double threshold = model.filters[d].threshold;
      const dlib::rectangle area = applyFilter(features, model.filters[d].terms, saliency, filterScratch);
      for (long r = area.top(); r <= area.bottom(); ++r) {
        for (long c = area.left(); c <= area.right(); ++c) {
          if (saliency.at(r, c) >= threshold) {
            dlib::rectangle box = extractor.feats_to_image(dlib::centered_rect(dlib::point(c, r), model.boxColumns, model.boxRows),
              model.cellSize, static_cast<int>(model.windowRows), static_cast<int>(model.windowColumns));
            box = pyramid.rect_up(box, l);
            windows[d].push_back(std::make_pair(saliency.at(r, c), box));
          }
        }
      }
    }
  }

  std::vector<dlib::rect_detection> candidates;
  for (size_t d = 0; d < model.filters.size(); ++d) {
    std::sort(windows[d].rbegin(), windows[d].rend(), dlib::impl::compare_pair_rect);
    for (const auto &[score, box] : windows[d]) {
      dlib::rect_detection candidate;
      candidate.detection_confidence = score - model.filters[d].threshold;
      candidate.weight_index = d;
      candidate.rect = box;
      candidates.push_back(candidate);
    }
  }
  // Non-maximum suppression, best first.
  if (model.filters.size() > 1) std::sort(candidates.rbegin(), candidates.rend());
  for (const dlib::rect_detection &candidate : candidates) {
    const bool overlaps = std::any_of(found.begin(), found.end(), [&](const dlib::rect_detection &kept) {
      return model.overlap(kept.rect, candidate.rect);
    });
    if (!overlaps) found.push_back(candidate);
  }
}

}  // namespace facevalue
