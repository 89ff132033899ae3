// Video decoding with FFmpeg's libavformat/libavcodec, frames converted to RGB24 by
// libswscale, one thread (the caller decides about parallelism, over files). FFmpeg's own log
// lines never reach stderr: its errors are kept with the video being read on that thread and
// become part of FaceValue's messages about the file.
#include "FaceTracker.h"
#include "Errors.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libswscale/swscale.h>
}

#include <cstdarg>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using facevalue::guarded;

namespace {

std::string describe(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof text);
  return text;
}

}  // namespace

struct fv_video;

namespace {

/// The video being opened or decoded on this thread, which FFmpeg's messages belong to.
thread_local fv_video *reading = nullptr;

/// Marks `video` as the one this thread reads for the scope of a call.
struct Reading {
  explicit Reading(fv_video *video) { reading = video; }
  ~Reading() { reading = nullptr; }
};

void keepProblem(const std::string &message);

/// FFmpeg's log callback: errors are kept (with the component that reported them, e.g.
/// "h263"), everything else dropped; nothing is printed.
void capture(void *context, int level, const char *format, va_list arguments) {
  if (level > AV_LOG_ERROR || reading == nullptr) return;
  char text[512] = {0};
  std::vsnprintf(text, sizeof text, format, arguments);
  std::string message(text);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ' || message.back() == '.')) message.pop_back();
  if (message.empty()) return;
  const AVClass *kind = context != nullptr ? *static_cast<const AVClass *const *>(context) : nullptr;
  if (kind != nullptr && kind->item_name != nullptr) message = std::string(kind->item_name(context)) + ": " + message;
  keepProblem(message);
}

void silenceFFmpeg() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(capture); });
}

}  // namespace

struct fv_video {
  AVFormatContext *format = nullptr;
  AVCodecContext *codec = nullptr;
  AVPacket *packet = nullptr;
  AVFrame *frame = nullptr;
  SwsContext *scaler = nullptr;
  int stream = -1;
  bool drained = false;
  bool flushing = false;
  int damaged = 0;
  std::vector<uint8_t> rgb;
  /// FFmpeg's first error message about this video, and how many it gave.
  std::string problem;
  int problems = 0;

  ~fv_video() {
    sws_freeContext(scaler);
    av_frame_free(&frame);
    av_packet_free(&packet);
    avcodec_free_context(&codec);
    avformat_close_input(&format);
  }

  /// Converts the decoded frame to RGB24 in `rgb`.
  fv_rgb_image convert() {
    const int width = frame->width, height = frame->height;
    if (width <= 0 || height <= 0 || frame->format < 0) throw std::runtime_error("a decoded frame has no picture");
    scaler = sws_getCachedContext(
      scaler, width, height, static_cast<AVPixelFormat>(frame->format), width, height, AV_PIX_FMT_RGB24, SWS_BILINEAR,
      nullptr, nullptr, nullptr);
    if (scaler == nullptr) throw std::runtime_error("cannot convert the frames' pixel format to RGB");
    const int stride = 3 * width;
    rgb.resize(static_cast<size_t>(stride) * height);
    uint8_t *planes[4] = {rgb.data(), nullptr, nullptr, nullptr};
    int strides[4] = {stride, 0, 0, 0};
    sws_scale(scaler, frame->data, frame->linesize, 0, height, planes, strides);
    return fv_rgb_image{rgb.data(), width, height, stride};
  }

  double seconds() const {
    const AVStream *s = format->streams[stream];
    int64_t pts = frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) return -1;
    if (s->start_time != AV_NOPTS_VALUE) pts -= s->start_time;
    return static_cast<double>(pts) * av_q2d(s->time_base);
  }
};

namespace {

void keepProblem(const std::string &message) {
  if (reading->problems++ == 0) reading->problem = message;
}

/// FFmpeg's reason `code`, with the first error it logged about `video` when that says more.
std::string describe(int code, const fv_video &video) {
  const std::string reason = describe(code);
  return video.problem.empty() || video.problem == reason ? reason : reason + "; " + video.problem;
}

}  // namespace

extern "C" fv_video *fv_video_open(const char *path, char *error, size_t error_size) {
  silenceFFmpeg();
  return guarded<fv_video *>(error, error_size, nullptr, [&]() -> fv_video * {
    auto video = std::make_unique<fv_video>();
    Reading scope(video.get());
    int status = avformat_open_input(&video->format, path, nullptr, nullptr);
    if (status < 0) throw std::runtime_error("cannot open as a video (" + describe(status, *video) + ")");
    status = avformat_find_stream_info(video->format, nullptr);
    if (status < 0) throw std::runtime_error("cannot read the streams (" + describe(status, *video) + ")");
    const AVCodec *decoder = nullptr;
    video->stream = av_find_best_stream(video->format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (video->stream < 0 || decoder == nullptr) {
      throw std::runtime_error(video->stream == AVERROR_DECODER_NOT_FOUND ? "no decoder for its video stream" : "no video stream");
    }
    video->codec = avcodec_alloc_context3(decoder);
    if (video->codec == nullptr) throw std::bad_alloc();
    status = avcodec_parameters_to_context(video->codec, video->format->streams[video->stream]->codecpar);
    if (status < 0) throw std::runtime_error("bad codec parameters (" + describe(status, *video) + ")");
    video->codec->thread_count = 1;
    status = avcodec_open2(video->codec, decoder, nullptr);
    if (status < 0) throw std::runtime_error("cannot open the decoder (" + describe(status, *video) + ")");
    video->packet = av_packet_alloc();
    video->frame = av_frame_alloc();
    if (video->packet == nullptr || video->frame == nullptr) throw std::bad_alloc();
    return video.release();
  });
}

extern "C" void fv_video_close(fv_video *video) { delete video; }

extern "C" double fv_video_frame_rate(const fv_video *video) {
  if (video == nullptr) return 0;
  const AVRational rate = video->format->streams[video->stream]->avg_frame_rate;
  return rate.den > 0 ? av_q2d(rate) : 0;
}

extern "C" double fv_video_duration(const fv_video *video) {
  if (video == nullptr) return -1;
  const AVStream *s = video->format->streams[video->stream];
  if (s->duration != AV_NOPTS_VALUE && s->duration > 0) return static_cast<double>(s->duration) * av_q2d(s->time_base);
  if (video->format->duration != AV_NOPTS_VALUE && video->format->duration > 0) {
    return static_cast<double>(video->format->duration) / AV_TIME_BASE;
  }
  return -1;
}

extern "C" int fv_video_damaged_packets(const fv_video *video) { return video == nullptr ? 0 : video->damaged; }

extern "C" const char *fv_video_problem(const fv_video *video) { return video == nullptr ? "" : video->problem.c_str(); }

extern "C" int fv_video_next(fv_video *video, fv_rgb_image *image, double *seconds, char *error, size_t error_size) {
  return guarded<int>(error, error_size, -1, [&]() -> int {
    if (video == nullptr) throw std::invalid_argument("no video");
    Reading scope(video);
    while (!video->drained) {
      int status = avcodec_receive_frame(video->codec, video->frame);
      if (status == 0) {
        *image = video->convert();
        *seconds = video->seconds();
        return 1;
      }
      if (status == AVERROR_EOF) {
        video->drained = true;
        break;
      }
      if (status != AVERROR(EAGAIN)) throw std::runtime_error("cannot decode a frame (" + describe(status, *video) + ")");
      if (video->flushing) {
        video->drained = true;
        break;
      }
      // The decoder wants input: the next packet of the video stream, or the flush at the end.
      for (;;) {
        status = av_read_frame(video->format, video->packet);
        if (status == AVERROR_EOF) {
          avcodec_send_packet(video->codec, nullptr);
          video->flushing = true;
          break;
        }
        // A read error part-way is a truncated or damaged file: end there, as a flush.
        if (status < 0) {
          video->damaged += 1;
          avcodec_send_packet(video->codec, nullptr);
          video->flushing = true;
          break;
        }
        const bool ours = video->packet->stream_index == video->stream;
        if (ours) {
          status = avcodec_send_packet(video->codec, video->packet);
          if (status < 0 && status != AVERROR(EAGAIN)) video->damaged += 1;
        }
        av_packet_unref(video->packet);
        if (ours) break;
      }
    }
    return 0;
  });
}
