#include "stdlib/hash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace sluice::stdlib {
namespace {

uint32_t rotl32(uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}
uint64_t rotl64(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

uint32_t mixK1(uint32_t k1) {
  k1 *= 0xcc9e2d51u;
  k1 = rotl32(k1, 15);
  return k1 * 0x1b873593u;
}

uint32_t mixH1(uint32_t h1, uint32_t k1) {
  h1 ^= k1;
  h1 = rotl32(h1, 13);
  return h1 * 5 + 0xe6546b64u;
}

uint32_t fmix32(uint32_t h1, uint32_t length) {
  h1 ^= length;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6bu;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35u;
  h1 ^= h1 >> 16;
  return h1;
}

uint32_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);  // little-endian like Platform.getInt on x86
  return v;
}
uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

constexpr uint64_t P1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t P2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t P3 = 0x165667B19E3779F9ULL;
constexpr uint64_t P4 = 0x85EBCA77C2B2AE63ULL;
constexpr uint64_t P5 = 0x27D4EB2F165667C5ULL;

uint64_t fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

uint64_t round64(uint64_t acc, uint64_t input) {
  acc += input * P2;
  acc = rotl64(acc, 31);
  return acc * P1;
}

uint64_t merge64(uint64_t h, uint64_t v) {
  h ^= round64(0, v);
  return h * P1 + P4;
}

}  // namespace

int32_t murmur3HashInt(int32_t v, int32_t seed) {
  return static_cast<int32_t>(
      fmix32(mixH1(static_cast<uint32_t>(seed), mixK1(static_cast<uint32_t>(v))), 4));
}

int32_t murmur3HashLong(int64_t v, int32_t seed) {
  const uint64_t u = static_cast<uint64_t>(v);
  uint32_t h1 = mixH1(static_cast<uint32_t>(seed), mixK1(static_cast<uint32_t>(u)));
  h1 = mixH1(h1, mixK1(static_cast<uint32_t>(u >> 32)));
  return static_cast<int32_t>(fmix32(h1, 8));
}

int32_t murmur3HashBytes(std::string_view b, int32_t seed) {
  const size_t aligned = b.size() - b.size() % 4;
  uint32_t h1 = static_cast<uint32_t>(seed);
  for (size_t i = 0; i < aligned; i += 4) h1 = mixH1(h1, mixK1(load32(b.data() + i)));
  for (size_t i = aligned; i < b.size(); ++i) {
    // Platform.getByte is signed: the byte is sign-extended.
    const int32_t halfWord = static_cast<int8_t>(b[i]);
    h1 = mixH1(h1, mixK1(static_cast<uint32_t>(halfWord)));
  }
  return static_cast<int32_t>(fmix32(h1, static_cast<uint32_t>(b.size())));
}

int64_t xxhash64Int(int32_t v, int64_t seed) {
  uint64_t h = static_cast<uint64_t>(seed) + P5 + 4;
  h ^= (static_cast<uint64_t>(static_cast<uint32_t>(v))) * P1;
  h = rotl64(h, 23) * P2 + P3;
  return static_cast<int64_t>(fmix64(h));
}

int64_t xxhash64Long(int64_t v, int64_t seed) {
  uint64_t h = static_cast<uint64_t>(seed) + P5 + 8;
  h ^= rotl64(static_cast<uint64_t>(v) * P2, 31) * P1;
  h = rotl64(h, 27) * P1 + P4;
  return static_cast<int64_t>(fmix64(h));
}

int64_t xxhash64Bytes(std::string_view b, int64_t seedSigned) {
  const uint64_t seed = static_cast<uint64_t>(seedSigned);
  const char* p = b.data();
  const char* end = p + b.size();
  uint64_t h;
  if (b.size() >= 32) {
    const char* limit = end - 32;
    uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    do {
      v1 = round64(v1, load64(p));
      v2 = round64(v2, load64(p + 8));
      v3 = round64(v3, load64(p + 16));
      v4 = round64(v4, load64(p + 24));
      p += 32;
    } while (p <= limit);
    h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = merge64(h, v1);
    h = merge64(h, v2);
    h = merge64(h, v3);
    h = merge64(h, v4);
  } else {
    h = seed + P5;
  }
  h += b.size();
  while (p + 8 <= end) {
    h ^= rotl64(load64(p) * P2, 31) * P1;
    h = rotl64(h, 27) * P1 + P4;
    p += 8;
  }
  if (p + 4 <= end) {
    h ^= static_cast<uint64_t>(load32(p)) * P1;
    h = rotl64(h, 23) * P2 + P3;
    p += 4;
  }
  while (p < end) {
    h ^= static_cast<uint64_t>(static_cast<unsigned char>(*p)) * P5;
    h = rotl64(h, 11) * P1;
    ++p;
  }
  return static_cast<int64_t>(fmix64(h));
}

// ---------------------------------------------------------------- digests

namespace {

std::string toHex(const unsigned char* d, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out(2 * n, '\0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[d[i] >> 4];
    out[2 * i + 1] = digits[d[i] & 15];
  }
  return out;
}

// Calls `block(p)` for every `B`-byte block of the message padded per MD5 / SHA (0x80, zeros,
// the bit length in the last `L` bytes, little- or big-endian): whole blocks are read in
// place, only the tail goes through a small buffer, so the message is never copied.
template <size_t B, size_t L, class Block>
void forEachPaddedBlock(std::string_view data, bool bigEndian, Block block) {
  const size_t whole = data.size() / B * B;
  for (size_t off = 0; off < whole; off += B) block(data.data() + off);
  char tail[2 * B] = {};
  const size_t rest = data.size() - whole;
  if (rest) std::memcpy(tail, data.data() + whole, rest);
  tail[rest] = static_cast<char>(0x80);
  const size_t total = rest + 1 + L <= B ? B : 2 * B;
  const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;  // upper length bytes stay 0
  for (size_t i = 0; i < 8; ++i) {
    const char byte = static_cast<char>((bits >> (8 * i)) & 0xff);
    tail[bigEndian ? total - 1 - i : total - L + i] = byte;
  }
  for (size_t off = 0; off < total; off += B) block(tail + off);
}

uint32_t be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

uint64_t be64(const char* p) {
  return (uint64_t{be32(p)} << 32) | be32(p + 4);
}

template <size_t N>
using State = std::array<uint32_t, N>;

// The Merkle-Damgard frame MD5, SHA-1 and SHA-224/256 share: read each 64-byte block of the
// padded message as 16 words (little-endian for MD5, big-endian for SHA), let `compress`
// update the state, then print the first `outWords` state words in the same byte order.
template <size_t N, class Compress>
std::string digestHex(std::string_view data, bool bigEndian, State<N> h, Compress compress,
                      size_t outWords = N) {
  forEachPaddedBlock<64, 8>(data, bigEndian, [&](const char* block) {
    uint32_t w[16];
    for (int i = 0; i < 16; ++i) {
      const char* p = block + 4 * i;
      w[i] = bigEndian ? be32(p) : load32(p);
    }
    compress(h, w);
  });
  unsigned char out[4 * N];
  for (size_t i = 0; i < N; ++i)
    for (int j = 0; j < 4; ++j)
      out[4 * i + j] = static_cast<unsigned char>(h[i] >> (bigEndian ? 24 - 8 * j : 8 * j));
  return toHex(out, 4 * outWords);
}

// Adds a block's working variables into the state.
template <size_t N>
void addInto(State<N>& h, const State<N>& v) {
  for (size_t i = 0; i < N; ++i) h[i] += v[i];
}

// The SHA-256 compression function (FIPS 180-4 6.2.2), shared by SHA-224 and SHA-256.
void sha256Compress(State<8>& h, const uint32_t* block) {
  static const uint32_t K[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  auto rotr = [](uint32_t x, int r) { return (x >> r) | (x << (32 - r)); };
  uint32_t w[64];
  std::copy(block, block + 16, w);
  for (int i = 16; i < 64; ++i) {
    const uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    const uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const uint32_t ch = (e & f) ^ (~e & g);
    const uint32_t t1 = hh + S1 + ch + K[i] + w[i];
    const uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    const uint32_t t2 = S0 + maj;
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  addInto<8>(h, {a, b, c, d, e, f, g, hh});
}

// SHA-384 / SHA-512 (FIPS 180-4 6.4): 128-byte blocks of 64-bit words, a 128-bit length;
// the first `outBytes` bytes of the state are the digest.
std::string sha512Family(std::string_view data, std::array<uint64_t, 8> h, size_t outBytes) {
  static const uint64_t K[80] = {
      0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
      0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
      0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
      0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
      0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
      0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
      0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
      0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
      0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
      0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
      0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
      0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
      0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
      0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
      0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
      0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
      0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
      0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
      0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
      0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL};
  auto rotr = [](uint64_t x, int r) { return (x >> r) | (x << (64 - r)); };
  forEachPaddedBlock<128, 16>(data, true, [&](const char* block) {
    uint64_t w[80];
    for (int i = 0; i < 16; ++i) w[i] = be64(block + 8 * i);
    for (int i = 16; i < 80; ++i) {
      const uint64_t s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^ (w[i - 15] >> 7);
      const uint64_t s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^ (w[i - 2] >> 6);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; ++i) {
      const uint64_t S1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41);
      const uint64_t ch = (e & f) ^ (~e & g);
      const uint64_t t1 = hh + S1 + ch + K[i] + w[i];
      const uint64_t S0 = rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39);
      const uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
      const uint64_t t2 = S0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    const uint64_t v[8] = {a, b, c, d, e, f, g, hh};
    for (int i = 0; i < 8; ++i) h[i] += v[i];
  });
  unsigned char out[64];
  for (size_t i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) out[8 * i + j] = static_cast<unsigned char>(h[i] >> (56 - 8 * j));
  return toHex(out, outBytes);
}

}  // namespace

std::string md5Hex(std::string_view data) {
  static const uint32_t K[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
      0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
      0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
      0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
      0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
      0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
      0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
      0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
      0xeb86d391};
  static const int R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                            5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  const State<4> init = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  return digestHex<4>(data, false, init, [](State<4>& h, const uint32_t* w) {
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f;
      int g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const uint32_t tmp = d;
      d = c;
      c = b;
      b = b + rotl32(a + f + K[i] + w[g], R[i]);
      a = tmp;
    }
    addInto<4>(h, {a, b, c, d});
  });
}

std::string sha1Hex(std::string_view data) {
  const State<5> init = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  return digestHex<5>(data, true, init, [](State<5>& h, const uint32_t* block) {
    uint32_t w[80];
    std::copy(block, block + 16, w);
    for (int i = 16; i < 80; ++i) w[i] = rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6;
      }
      const uint32_t t = rotl32(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = rotl32(b, 30);
      b = a;
      a = t;
    }
    addInto<5>(h, {a, b, c, d, e});
  });
}

std::string sha224Hex(std::string_view data) {
  const State<8> init = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                         0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
  return digestHex<8>(data, true, init, sha256Compress, 7);
}

std::string sha256Hex(std::string_view data) {
  const State<8> init = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  return digestHex<8>(data, true, init, sha256Compress);
}

std::string sha384Hex(std::string_view data) {
  return sha512Family(
      data,
      {0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
       0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL},
      48);
}

std::string sha512Hex(std::string_view data) {
  return sha512Family(
      data,
      {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
       0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL},
      64);
}

std::optional<std::string> sha2Hex(std::string_view data, int64_t bitLength) {
  switch (bitLength) {
    case 224:
      return sha224Hex(data);
    case 0:
    case 256:
      return sha256Hex(data);
    case 384:
      return sha384Hex(data);
    case 512:
      return sha512Hex(data);
    default:
      return std::nullopt;
  }
}

int64_t crc32(std::string_view data) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return static_cast<int64_t>(c ^ 0xFFFFFFFFu);
}

int32_t hashableFloatBits(float f) {
  if (f == 0) f = 0.0f;
  if (std::isnan(f)) return 0x7fc00000;
  int32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}

int64_t hashableDoubleBits(double d) {
  if (d == 0) d = 0.0;
  if (std::isnan(d)) return 0x7ff8000000000000LL;
  int64_t bits;
  std::memcpy(&bits, &d, 8);
  return bits;
}

std::string bigIntegerBytes(__int128 v) {
  std::string out;
  for (int i = 15; i >= 0; --i)
    out += static_cast<char>(static_cast<unsigned __int128>(v) >> (8 * i));
  size_t skip = 0;
  while (skip + 1 < out.size()) {
    const unsigned char b = static_cast<unsigned char>(out[skip]);
    const unsigned char next = static_cast<unsigned char>(out[skip + 1]);
    if ((b == 0x00 && !(next & 0x80)) || (b == 0xFF && (next & 0x80)))
      ++skip;
    else
      break;
  }
  return out.substr(skip);
}

}  // namespace sluice::stdlib
