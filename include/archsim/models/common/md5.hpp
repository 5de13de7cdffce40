// MD5 (RFC 1321), header-only: Kinesis Data Streams and DynamoDB place a record
// by the MD5 of its partition key read as a 128-bit unsigned integer. Not for
// any security purpose.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace archsim::models {

using Md5Digest = std::array<std::uint8_t, 16>;

inline Md5Digest md5(std::string_view text) {
  static constexpr std::uint32_t k[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
      0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
      0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
      0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
      0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
      0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
      0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
  static constexpr std::uint32_t r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                          5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                          4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                          6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  std::uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  const std::uint64_t bit_length = static_cast<std::uint64_t>(text.size()) * 8;
  // Message, a 0x80 byte, zeros up to 56 mod 64, then the bit length little-endian.
  const std::size_t total = ((text.size() + 8) / 64 + 1) * 64;
  auto byte_at = [&](std::size_t i) -> std::uint8_t {
    if (i < text.size()) return static_cast<std::uint8_t>(text[i]);
    if (i == text.size()) return 0x80;
    if (i >= total - 8) return static_cast<std::uint8_t>(bit_length >> (8 * (i - (total - 8))));
    return 0;
  };
  for (std::size_t block = 0; block < total; block += 64) {
    std::uint32_t w[16];
    for (int j = 0; j < 16; ++j) {
      const std::size_t i = block + 4 * static_cast<std::size_t>(j);
      w[j] = static_cast<std::uint32_t>(byte_at(i)) | static_cast<std::uint32_t>(byte_at(i + 1)) << 8 |
             static_cast<std::uint32_t>(byte_at(i + 2)) << 16 | static_cast<std::uint32_t>(byte_at(i + 3)) << 24;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (std::uint32_t i = 0; i < 64; ++i) {
      std::uint32_t f, g;
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
      const std::uint32_t sum = a + f + k[i] + w[g];
      a = d;
      d = c;
      c = b;
      b = b + ((sum << r[i]) | (sum >> (32 - r[i])));
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
  }
  Md5Digest out{};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) out[static_cast<std::size_t>(4 * i + j)] = static_cast<std::uint8_t>(h[i] >> (8 * j));
  return out;
}

// The digest as the 128-bit unsigned integer its hexadecimal form spells
// (first byte most significant), split into high and low 64 bits.
struct Md5Number {
  std::uint64_t high = 0, low = 0;
};

inline Md5Number md5_number(std::string_view text) {
  const Md5Digest d = md5(text);
  Md5Number n;
  for (int i = 0; i < 8; ++i) n.high = n.high << 8 | d[static_cast<std::size_t>(i)];
  for (int i = 8; i < 16; ++i) n.low = n.low << 8 | d[static_cast<std::size_t>(i)];
  return n;
}

// Which of `ranges` equal parts of [0, 2^128) holds the hash: floor(h * ranges / 2^128).
inline std::uint64_t md5_range(const Md5Number& h, std::uint64_t ranges) {
  using u128 = unsigned __int128;
  const u128 high = static_cast<u128>(h.high) * ranges;
  const u128 low = (static_cast<u128>(h.low) * ranges) >> 64;
  return static_cast<std::uint64_t>((high + low) >> 64);
}

}  // namespace archsim::models
