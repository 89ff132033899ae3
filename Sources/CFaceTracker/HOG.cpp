// dlib 19.24's dlib/image_transforms/fhog.h, `impl_extract_fhog_features` for RGB pictures
// and cell sizes above 1, restructured; each step names the dlib statement it reproduces.
#include "HOG.hpp"
#include "Lanes.hpp"

#include <dlib/simd.h>

#include <algorithm>
#include <cmath>

namespace facevalue {

namespace {

// dlib's unit vectors of the nine orientations, written there as doubles into float matrices.
const float directionX[9] = {static_cast<float>(1.0000), static_cast<float>(0.9397), static_cast<float>(0.7660),
  static_cast<float>(0.500), static_cast<float>(0.1736), static_cast<float>(-0.1736), static_cast<float>(-0.5000),
  static_cast<float>(-0.7660), static_cast<float>(-0.9397)};
const float directionY[9] = {static_cast<float>(0.0000), static_cast<float>(0.3420), static_cast<float>(0.6428),
  static_cast<float>(0.8660), static_cast<float>(0.9848), static_cast<float>(0.9848), static_cast<float>(0.8660),
  static_cast<float>(0.6428), static_cast<float>(0.3420)};

/// Red, green and blue of picture row `row` as floats (exact: bytes), in one of three slots
/// (rows y-1, y, y+1 are needed together).
float *colourRow(HOGScratch &s, long columns, int row) { return s.colours.data() + static_cast<size_t>(row % 3) * 3 * columns; }

void splitColours(const PlanarPicture &picture, HOGScratch &s, int row) {
  const long columns = picture.columns;
  float *floats = colourRow(s, columns, row);
  for (int channel = 0; channel < 3; ++channel) {
    const uint8_t *bytes = picture.row(channel, row);
    for (long x = 0; x < columns; ++x) floats[channel * columns + x] = bytes[x];
  }
}

/// The bilinear weights of each column, the same on every row: for x below `vectorEnd` as
/// dlib's vector loop computes them (in float), after it as its scalar loop does (in double).
void columnWeights(int cell, int visibleColumns, int vectorEnd, HOGScratch &s) {
  s.columnCell.assign(visibleColumns + 8, 0);
  s.columnNear.assign(visibleColumns + 8, 0.0f);
  s.columnFar.assign(visibleColumns + 8, 0.0f);
  for (int x = 1; x < visibleColumns; ++x) {
    if (x < vectorEnd) {
      // simd8f xp = (xx + 0.5) / (float)cell_size + 0.5; ixp = simd8i(xp); vx0 = xp - ixp; vx1 = 1.0f - vx0;
      const float xp = (static_cast<float>(x) + 0.5f) / static_cast<float>(cell) + 0.5f;
      const int32_t ixp = static_cast<int32_t>(xp);
      const float far = xp - static_cast<float>(ixp);
      s.columnCell[x] = ixp;
      s.columnFar[x] = far;
      s.columnNear[x] = 1.0f - far;
    } else {
      // const float xp = ((double)x + 0.5) / (double)cell_size - 0.5; ixp = floor(xp); vx0 = xp - ixp; vx1 = 1.0 - vx0;
      const float xp = static_cast<float>((static_cast<double>(x) + 0.5) / static_cast<double>(cell) - 0.5);
      const int ixp = static_cast<int>(std::floor(xp));
      const float far = xp - ixp;
      s.columnCell[x] = ixp + 1;
      s.columnFar[x] = far;
      s.columnNear[x] = static_cast<float>(1.0 - far);
    }
  }
}

/// One row's gradients and orientation bins, eight pixels at a time: dlib's RGB `get_gradient`
/// for simd8f (the channel with the largest squared gradient; on ties green over red, blue over
/// both) and its snapping to 18 orientations, then the four bilinear votes. The gradients are
/// differences of bytes and their squared lengths below 2^24, so float arithmetic gives
/// dlib's integers exactly.
///
/// dlib's snapping keeps the first strict maximum of dot(o), -dot(o) for o = 0…8, starting from
/// 0: that is the first o whose |dot(o)| is largest (if above 0), taken as o when dot(o) > 0 and
/// o + 9 when below. Orientations o and 9 - o mirror each other (dx negated, dy equal), so
/// dot(9 - o) = gy·dy - gx·dx exactly, from the products dot(o) uses; and dot(0) = gx exactly
/// (gy·0 adds a zero), which can only matter when gx ≠ 0.
void vectorVotes(HOGScratch &s, long columns, int y, int vectorEnd, float vy0, float vy1) {
  const float *above = colourRow(s, columns, y - 1), *here = colourRow(s, columns, y), *below = colourRow(s, columns, y + 1);
  const f8 zero = splat8(0.0f);
  i8 magnitudeBits = splat8(0x7fffffff);
  for (int x = 1; x < vectorEnd; x += 8) {
    f8 gx[3], gy[3], length[3];
    for (int c = 0; c < 3; ++c) {
      const size_t plane = static_cast<size_t>(c) * columns;
      gx[c] = load8(here + plane + x + 1) - load8(here + plane + x - 1);
      gy[c] = load8(below + plane + x) - load8(above + plane + x);
      length[c] = gx[c] * gx[c] + gy[c] * gy[c];
    }
    const i8 redWins = length[0] > length[1];
    const f8 tx = select8(redWins, gx[0], gx[1]), ty = select8(redWins, gy[0], gy[1]), tl = select8(redWins, length[0], length[1]);
    const i8 beatsBlue = tl > length[2];
    const f8 gradX = select8(beatsBlue, tx, gx[2]), gradY = select8(beatsBlue, ty, gy[2]);
    const f8 v = sqrt8(select8(beatsBlue, tl, length[2]));

    f8 dots[9];
    dots[0] = gradX;
    for (int o = 1; o <= 4; ++o) {
      const f8 a = gradX * splat8(directionX[o]), b = gradY * splat8(directionY[o]);
      dots[o] = a + b;
      dots[9 - o] = b - a;
    }
    f8 best = zero, bestDot = zero, bestO = zero;
    for (int o = 0; o < 9; ++o) {
      const f8 magnitude = bitAnd(dots[o], magnitudeBits);
      const i8 better = magnitude > best;
      best = select8(better, magnitude, best);
      bestDot = select8(better, dots[o], bestDot);
      bestO = select8(better, splat8(static_cast<float>(o)), bestO);
    }
    const i8 negative = bestDot < zero;
    const f8 bin = bestO + select8(negative, splat8(9.0f), zero);

    const f8 near = load8(&s.columnNear[x]) * v, far = load8(&s.columnFar[x]) * v;
    store8(&s.voteBin[x], truncate8(bin));
    store8(&s.voteNearNear[x], splat8(vy1) * near);
    store8(&s.voteFarNear[x], splat8(vy0) * near);
    store8(&s.voteNearFar[x], splat8(vy1) * far);
    store8(&s.voteFarFar[x], splat8(vy0) * far);
  }
}

/// The columns after the vector loop, as dlib's scalar loop does them (on ties red over
/// green over blue; weights multiplied left to right).
void scalarVotes(HOGScratch &s, long columns, int y, int vectorEnd, int visibleColumns, float vy0, float vy1) {
  const float *above = colourRow(s, columns, y - 1), *here = colourRow(s, columns, y), *below = colourRow(s, columns, y + 1);
  for (int x = vectorEnd; x < visibleColumns; ++x) {
    float gradX = 0, gradY = 0, length = -1;
    for (int c = 0; c < 3; ++c) {
      const size_t plane = static_cast<size_t>(c) * columns;
      const float gx = here[plane + x + 1] - here[plane + x - 1];
      const float gy = below[plane + x] - above[plane + x];
      const float l = gx * gx + gy * gy;
      if (c == 0 || l > length) gradX = gx, gradY = gy, length = l;
    }
    float bestDot = 0;
    int bestBin = 0;
    for (int o = 0; o < 9; ++o) {
      const float dot = directionX[o] * gradX + directionY[o] * gradY;
      if (dot > bestDot) {
        bestDot = dot;
        bestBin = o;
      } else if (-dot > bestDot) {
        bestDot = -dot;
        bestBin = o + 9;
      }
    }
    const float v = std::sqrt(length), near = s.columnNear[x], far = s.columnFar[x];
    s.voteBin[x] = bestBin;
    s.voteNearNear[x] = vy1 * near * v;
    s.voteFarNear[x] = vy0 * near * v;
    s.voteNearFar[x] = vy1 * far * v;
    s.voteFarFar[x] = vy0 * far * v;
  }
}

/// Adds one row's votes to the histograms of the cells around each pixel, pixel by pixel
/// in dlib's order (each histogram bin's float sum depends on it).
void addVotes(HOGScratch &s, int histogramColumns, int cellRow, int visibleColumns) {
  float *nearRow = s.histograms.data() + static_cast<size_t>(cellRow + 1) * histogramColumns * 18;
  float *farRow = nearRow + static_cast<size_t>(histogramColumns) * 18;
  for (int x = 1; x < visibleColumns; ++x) {
    const size_t i = static_cast<size_t>(s.columnCell[x]) * 18 + s.voteBin[x];
    nearRow[i] += s.voteNearNear[x];
    farRow[i] += s.voteFarNear[x];
    nearRow[i + 18] += s.voteNearFar[x];
    farRow[i + 18] += s.voteFarFar[x];
  }
}

/// dlib's block normalisation and the 31 features of each cell, with dlib's own simd4f
/// operations (its `sum` is a dot product instruction whose rounding is reproduced by using it).
void features(const HOGScratch &s, int cellRows, int cellColumns, int histogramColumns, int hogRows, int hogColumns, int rowOffset,
  int columnOffset, FeaturePlanes &hog) {
  using dlib::simd4f;
  auto norm = [&](int r, int c) { return s.norms[static_cast<size_t>(r) * cellColumns + c]; };
  const float eps = 0.0001;
  float *planes[FeaturePlanes::count];
  for (int k = 0; k < FeaturePlanes::count; ++k) planes[k] = hog.plane(k);
  for (int y = 0; y < hogRows; y++) {
    const int yy = y + rowOffset;
    for (int x = 0; x < hogColumns; x++) {
      const simd4f z1(norm(y + 1, x + 1), norm(y, x + 1), norm(y + 1, x), norm(y, x));
      const simd4f z2(norm(y + 1, x + 2), norm(y, x + 2), norm(y + 1, x + 1), norm(y, x + 1));
      const simd4f z3(norm(y + 2, x + 1), norm(y + 1, x + 1), norm(y + 2, x), norm(y + 1, x));
      const simd4f z4(norm(y + 2, x + 2), norm(y + 1, x + 2), norm(y + 2, x + 1), norm(y + 1, x + 1));
      const simd4f nn = 0.2 * sqrt(z1 + z2 + z3 + z4 + eps);
      const simd4f n = 0.1 / nn;
      simd4f t = 0;
      const size_t at = static_cast<size_t>(yy) * hog.columns + x + columnOffset;
      const float *h = &s.histograms[(static_cast<size_t>(y + 2) * histogramColumns + x + 2) * 18];
      // contrast-sensitive features
      for (int o = 0; o < 18; o += 3) {
        simd4f temp0(h[o]), temp1(h[o + 1]), temp2(h[o + 2]);
        simd4f h0 = min(temp0, nn) * n, h1 = min(temp1, nn) * n, h2 = min(temp2, nn) * n;
        planes[o][at] = sum(h0);
        planes[o + 1][at] = sum(h1);
        planes[o + 2][at] = sum(h2);
        t += h0 + h1 + h2;
      }
      t *= 2 * 0.2357;
      // contrast-insensitive features
      for (int o = 0; o < 9; o += 3) {
        simd4f temp0 = h[o] + h[o + 9], temp1 = h[o + 1] + h[o + 9 + 1], temp2 = h[o + 2] + h[o + 9 + 2];
        simd4f h0 = min(temp0, nn) * n, h1 = min(temp1, nn) * n, h2 = min(temp2, nn) * n;
        planes[o + 18][at] = sum(h0);
        planes[o + 18 + 1][at] = sum(h1);
        planes[o + 18 + 2][at] = sum(h2);
      }
      float temp[4];
      t.store(temp);
      // texture features
      for (int k = 0; k < 4; ++k) planes[27 + k][at] = temp[k];
    }
  }
}

}  // namespace

void extractHOG(const PlanarPicture &picture, int cell, int rowsPadding, int columnsPadding, HOGScratch &s, FeaturePlanes &hog) {
  const long nr = picture.rows, nc = picture.columns;
  const int cellRows = static_cast<int>(static_cast<float>(nr) / static_cast<float>(cell) + 0.5);
  const int cellColumns = static_cast<int>(static_cast<float>(nc) / static_cast<float>(cell) + 0.5);
  const int hogRows = std::max(cellRows - 2, 0), hogColumns = std::max(cellColumns - 2, 0);
  if (hogRows == 0 || hogColumns == 0) {
    hog.clear();
    return;
  }
  const int rowOffset = (rowsPadding - 1) / 2, columnOffset = (columnsPadding - 1) / 2;
  hog.reset(hogRows + rowsPadding - 1, hogColumns + columnsPadding - 1);
  hog.firstRow = rowOffset;
  hog.endRow = rowOffset + hogRows;

  // hist: an 18-bin histogram per cell with a border of one cell; norm: energy per cell.
  const int histogramColumns = cellColumns + 2;
  s.histograms.assign(static_cast<size_t>(cellRows + 2) * histogramColumns * 18, 0.0f);
  const int visibleRows = static_cast<int>(std::min(static_cast<long>(cellRows) * cell, nr)) - 1;
  const int visibleColumns = static_cast<int>(std::min(static_cast<long>(cellColumns) * cell, nc)) - 1;
  int vectorEnd = 1;
  while (vectorEnd < visibleColumns - 7) vectorEnd += 8;
  columnWeights(cell, visibleColumns, vectorEnd, s);
  const size_t votes = static_cast<size_t>(std::max(visibleColumns, 1)) + 8;
  s.voteBin.resize(votes);
  for (auto *v : {&s.voteNearNear, &s.voteFarNear, &s.voteNearFar, &s.voteFarFar}) v->resize(votes);
  s.colours.resize(static_cast<size_t>(9) * nc);
  if (visibleRows > 1) {
    splitColours(picture, s, 0);
    splitColours(picture, s, 1);
  }
  for (int y = 1; y < visibleRows; y++) {
    splitColours(picture, s, y + 1);
    // const float yp = ((float)y+0.5)/(float)cell_size - 0.5; iyp = floor(yp); vy0 = yp - iyp; vy1 = 1.0 - vy0;
    const float yp = static_cast<float>((static_cast<double>(static_cast<float>(y)) + 0.5) / static_cast<float>(cell) - 0.5);
    const int iyp = static_cast<int>(std::floor(yp));
    const float vy0 = yp - iyp, vy1 = static_cast<float>(1.0 - vy0);
    vectorVotes(s, nc, y, vectorEnd, vy0, vy1);
    scalarVotes(s, nc, y, vectorEnd, visibleColumns, vy0, vy1);
    addVotes(s, histogramColumns, iyp, visibleColumns);
  }

  s.norms.assign(static_cast<size_t>(cellRows) * cellColumns, 0.0f);
  for (int r = 0; r < cellRows; ++r) {
    for (int c = 0; c < cellColumns; ++c) {
      const float *h = &s.histograms[(static_cast<size_t>(r + 1) * histogramColumns + c + 1) * 18];
      float &norm = s.norms[static_cast<size_t>(r) * cellColumns + c];
      for (int o = 0; o < 9; o++) norm += (h[o] + h[o + 9]) * (h[o] + h[o + 9]);
    }
  }
  features(s, cellRows, cellColumns, histogramColumns, hogRows, hogColumns, rowOffset, columnOffset, hog);
}

}  // namespace facevalue
