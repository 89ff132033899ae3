// Felzenszwalb HOG features of an RGB picture (Felzenszwalb, Girshick, McAllester & Ramanan,
// "Object Detection with Discriminatively Trained Part Based Models", PAMI 32(9), 2010), as
// dlib's `extract_fhog_features` computes them for its face detector, bit for bit: the same
// gradients (the colour channel with the largest), the same orientation bins, the same
// bilinear votes added to the same cells in the same order, the same normalisation.
// dlib gathers each pixel's neighbours one by one into vectors and adds every vote through
// memory; here the picture comes in colour planes and the per-pixel arithmetic runs on whole
// vectors, which is where its time went.
#ifndef FACEVALUE_HOG_HPP
#define FACEVALUE_HOG_HPP

#include "FeaturePlanes.hpp"
#include "PlanarPicture.hpp"

#include <cstdint>
#include <vector>

namespace facevalue {

/// Memory the extraction reuses from picture to picture.
struct HOGScratch {
  std::vector<float> histograms, norms;
  std::vector<float> colours;  // three rows of red, green and blue planes
  std::vector<int32_t> columnCell;
  std::vector<float> columnNear, columnFar;
  std::vector<int32_t> voteBin;
  std::vector<float> voteNearNear, voteFarNear, voteNearFar, voteFarFar;
};

/// dlib::extract_fhog_features(picture, planes, cellSize, rowsPadding, columnsPadding).
void extractHOG(const PlanarPicture &picture, int cellSize, int rowsPadding, int columnsPadding, HOGScratch &scratch,
  FeaturePlanes &planes);

}  // namespace facevalue

#endif
