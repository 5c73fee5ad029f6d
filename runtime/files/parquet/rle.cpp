#include "runtime/files/parquet/rle.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace sluice::parquet {
namespace {

void uleb(uint64_t v, std::string& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void flushLiterals(std::vector<uint32_t>& lit, int width, std::string& out) {
  if (lit.empty()) return;
  const size_t groups = (lit.size() + 7) / 8;
  lit.resize(groups * 8, 0);  // the reader knows the value count; padding is ignored
  uleb((groups << 1) | 1, out);
  bitPack(lit.data(), lit.size(), width, out);
  lit.clear();
}

void repeatedRun(uint32_t v, size_t n, int width, std::string& out) {
  uleb(static_cast<uint64_t>(n) << 1, out);
  for (int b = 0; b < (width + 7) / 8; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}

}  // namespace

int bitWidthOf(uint64_t maxValue) {
  int w = 0;
  while (maxValue) {
    ++w;
    maxValue >>= 1;
  }
  return w;
}

void bitPack(const uint32_t* values, size_t n, int width, std::string& out) {
  if (width == 0) return;
  const size_t start = out.size();
  out.resize(start + (n * width + 7) / 8, '\0');
  auto* dst = reinterpret_cast<uint8_t*>(out.data() + start);
  uint64_t acc = 0;  // bits not yet stored, LSB first
  int bits = 0;
  size_t o = 0;
  for (size_t i = 0; i < n; ++i) {
    acc |= static_cast<uint64_t>(values[i]) << bits;
    bits += width;
    while (bits >= 8) {
      dst[o++] = static_cast<uint8_t>(acc);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) dst[o] = static_cast<uint8_t>(acc);
}

void bitUnpack(const uint8_t* in, size_t n, int width, uint32_t* out) {
  if (width == 0) {
    std::memset(out, 0, n * sizeof(uint32_t));
    return;
  }
  const uint64_t mask = (uint64_t{1} << width) - 1;
  uint64_t acc = 0;
  int bits = 0;
  size_t p = 0;
  for (size_t i = 0; i < n; ++i) {
    while (bits < width) {
      acc |= static_cast<uint64_t>(in[p++]) << bits;
      bits += 8;
    }
    out[i] = static_cast<uint32_t>(acc & mask);
    acc >>= width;
    bits -= width;
  }
}

std::string rleEncode(const uint32_t* v, size_t n, int width) {
  std::string out;
  std::vector<uint32_t> lit;
  size_t i = 0;
  while (i < n) {
    size_t j = i + 1;
    while (j < n && v[j] == v[i]) ++j;
    size_t run = j - i;
    // Bit-packed runs hold whole groups of 8, so a repeated run may only start where the
    // pending literals fill whole groups: lend the literals a few of the run's values first.
    const size_t pad = (8 - lit.size() % 8) % 8;
    if (run >= pad + 8) {
      lit.insert(lit.end(), pad, v[i]);
      run -= pad;
      flushLiterals(lit, width, out);
      repeatedRun(v[i], run, width, out);
    } else {
      lit.insert(lit.end(), v + i, v + j);
    }
    i = j;
  }
  flushLiterals(lit, width, out);
  return out;
}

bool RleDecoder::nextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (p_ >= end_ || shift > 63) return false;
    const uint8_t b = *p_++;
    header |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
  }
  if (header & 1) {
    const uint64_t groups = header >> 1;
    // A bit-packed run may be cut short at the end of a stream (writers pad to a byte, not
    // always to whole groups); only complete groups are decoded below, as the data allows.
    packedLeft_ = groups * 8;
    packed_ = p_;
    const uint64_t avail = static_cast<uint64_t>(end_ - p_);
    const uint64_t bytes = groups * static_cast<uint64_t>(width_);
    p_ += bytes <= avail ? bytes : avail;
    groupPos_ = 8;
    return true;
  }
  repeatLeft_ = header >> 1;
  const int bytes = (width_ + 7) / 8;
  if (end_ - p_ < bytes) return false;
  repeatValue_ = 0;
  for (int b = 0; b < bytes; ++b) repeatValue_ |= static_cast<uint32_t>(p_[b]) << (8 * b);
  p_ += bytes;
  if (width_ < 32 && (repeatValue_ >> width_) != 0) return false;
  return true;
}

bool RleDecoder::decode(uint32_t* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    if (repeatLeft_ > 0) {
      const size_t k = static_cast<size_t>(std::min<uint64_t>(repeatLeft_, n - done));
      for (size_t i = 0; i < k; ++i) out[done + i] = repeatValue_;
      repeatLeft_ -= k;
      done += k;
    } else if (packedLeft_ > 0) {
      if (groupPos_ == 8) {
        // One group of 8 values is `width_` bytes; the run's bytes were bounds-checked
        // against the stream end when the run started (packed_ + width_ <= p_ must hold).
        if (packed_ + width_ > p_) return false;
        bitUnpack(packed_, 8, width_, group_);
        packed_ += width_;
        groupPos_ = 0;
      }
      out[done++] = group_[groupPos_++];
      --packedLeft_;
    } else if (!nextRun()) {
      return false;
    }
  }
  return true;
}

}  // namespace sluice::parquet
