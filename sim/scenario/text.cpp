#include "archsim/scenario/text.hpp"

#include <cstdio>

namespace archsim::scenario {

namespace {

// The length of the valid UTF-8 sequence at `i`, or 0.
std::size_t sequence_at(const std::string& s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned b0 = byte(i);
  const auto tail = [&](std::size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return tail(i + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned b1 = byte(i + 1);
    const bool ok = (b0 == 0xE0 ? b1 >= 0xA0 && b1 <= 0xBF : b0 == 0xED ? b1 >= 0x80 && b1 <= 0x9F : tail(i + 1));
    return ok && tail(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned b1 = byte(i + 1);
    const bool ok = (b0 == 0xF0 ? b1 >= 0x90 && b1 <= 0xBF : b0 == 0xF4 ? b1 >= 0x80 && b1 <= 0x8F : tail(i + 1));
    return ok && tail(i + 2) && tail(i + 3) ? 4 : 0;
  }
  return 0;
}

// The code point of a valid sequence of `n` bytes at `i`.
unsigned code_point(const std::string& s, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3Fu; };
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (n == 1) return b0;
  if (n == 2) return (b0 & 0x1Fu) << 6 | b(1);
  if (n == 3) return (b0 & 0x0Fu) << 12 | b(1) << 6 | b(2);
  return (b0 & 0x07u) << 18 | b(1) << 12 | b(2) << 6 | b(3);
}

bool shown_as_escape(unsigned cp, bool lines) {
  if (lines && (cp == '\n' || cp == '\r' || cp == '\t')) return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_at(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

std::string printable(const std::string& text, bool lines) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_at(text, i);
    if (n == 0) {  // not UTF-8: the loader refuses it; shown as its byte
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[i]));
      out += buf;
      ++i;
      continue;
    }
    const unsigned cp = code_point(text, i, n);
    if (!shown_as_escape(cp, lines)) {
      out.append(text, i, n);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, cp < 0x80 ? "\\x%02x" : "\\u{%x}", cp);
      out += buf;
    }
    i += n;
  }
  return out;
}

}  // namespace archsim::scenario
