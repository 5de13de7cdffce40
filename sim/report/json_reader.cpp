#include "archsim/report/json_reader.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <unordered_set>

namespace archsim::report {

JsonError::JsonError(std::string message, std::size_t offset, int line, int column)
    : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message),
      message_(std::move(message)),
      offset_(offset),
      line_(line),
      column_(column) {}

const JsonValue* JsonValue::get(const std::string& key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

const JsonValue* JsonValue::at(const std::string& path) const {
  const JsonValue* node = this;
  for (std::size_t start = 0;;) {
    const auto dot = path.find('.', start);
    node = node->get(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (!node || dot == std::string::npos) return node;
    start = dot + 1;
  }
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A recursive descent over the text, one level of C++ recursion per level of
// nesting (at most JsonValue::kMaxDepth). `i_` never passes the end, and every
// read of a byte is preceded by a check that there is one.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  JsonValue document() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a byte order mark, which RFC 8259 lets a reader ignore
    JsonValue v = value(0);
    skip_space();
    if (i_ < s_.size()) fail("trailing characters after the document");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t at) const {
    int line = 1, column = 1;
    for (std::size_t k = 0; k < at && k < s_.size(); ++k) {
      if (s_[k] == '\n') ++line, column = 1;
      else ++column;
    }
    throw JsonError(message, at, line, column);
  }
  [[noreturn]] void fail(const std::string& message) const { fail(message, i_); }

  bool at_end() const { return i_ >= s_.size(); }
  bool next_is(char c) const { return !at_end() && s_[i_] == c; }

  void skip_space() {
    while (!at_end() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  // The next byte that is not white space, not consumed; the end of the text is an error here.
  char next() {
    skip_space();
    if (at_end()) fail("unexpected end of input");
    return s_[i_];
  }

  // What stands at the current byte, for a message: a word ('NaN'), a character ('+') or a byte (0xC3).
  std::string found() const {
    const unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (c > 0x20 && c < 0x7F) {
      std::size_t end = i_ + 1;
      if (std::isalpha(c))
        while (end < s_.size() && end - i_ < 24 && std::isalnum(static_cast<unsigned char>(s_[end]))) ++end;
      std::string quoted(1, '\'');
      quoted.append(s_.substr(i_, end - i_)) += '\'';
      return quoted;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
    return buf;
  }

  JsonValue value(int depth) {
    switch (next()) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': {
        JsonValue v;
        v.kind = JsonValue::Kind::string;
        v.text = string();
        return v;
      }
      case 't': return literal("true", JsonValue::Kind::boolean, true);
      case 'f': return literal("false", JsonValue::Kind::boolean, false);
      case 'n': return literal("null", JsonValue::Kind::null, false);
      default:
        if (next_is('-') || is_digit(s_[i_])) return number();
        fail("expected a value, found " + found());
    }
  }

  // The array or object that opens at the current byte, `depth` levels down.
  JsonValue open(JsonValue::Kind kind, int depth) {
    if (depth > JsonValue::kMaxDepth) fail("nesting deeper than " + std::to_string(JsonValue::kMaxDepth));
    JsonValue v;
    v.kind = kind;
    ++i_;
    return v;
  }

  // Right after the opening: true when `close` follows at once (consumed), an empty container.
  bool empty(char close) {
    if (next() != close) return false;
    ++i_;
    return true;
  }

  // After an element or a member: true when `close` ends the container, false
  // when a ',' brings another one. Either is consumed.
  bool closes(char close, const char* what) {
    const char c = next();
    if (c != ',' && c != close) fail(std::string("expected ',' or '") + close + "' after " + what);
    ++i_;
    if (c == close) return true;
    if (next() == close) fail(std::string("trailing comma before '") + close + "'");
    return false;
  }

  JsonValue array(int depth) {
    JsonValue v = open(JsonValue::Kind::array, depth);
    if (empty(']')) return v;
    do v.items.push_back(value(depth));
    while (!closes(']', "an element"));
    return v;
  }

  JsonValue object(int depth) {
    JsonValue v = open(JsonValue::Kind::object, depth);
    if (empty('}')) return v;
    std::unordered_set<std::string> keys;
    do {
      if (next() != '"') fail("expected '\"' to begin a member's name, found " + found());
      const std::size_t key_at = i_;
      std::string key = string();
      if (!keys.insert(key).second) fail("duplicate key \"" + key + "\"", key_at);
      if (next() != ':') fail("expected ':' after a member's name, found " + found());
      ++i_;
      JsonValue member = value(depth);
      v.members.push_back({std::move(key), std::move(member)});
    } while (!closes('}', "a member"));
    return v;
  }

  JsonValue literal(std::string_view word, JsonValue::Kind kind, bool boolean) {
    const std::size_t start = i_;
    for (const char w : word) {
      if (at_end()) fail("unexpected end of input");
      if (s_[i_] != w) i_ = start, fail("expected a value, found " + found());
      ++i_;
    }
    JsonValue v;
    v.kind = kind;
    v.boolean = boolean;
    return v;
  }

  // One or more digits, or the error `message`.
  void digits(const char* message) {
    if (at_end()) fail("unexpected end of input");
    if (!is_digit(s_[i_])) fail(message);
    while (!at_end() && is_digit(s_[i_])) ++i_;
  }

  JsonValue number() {
    const std::size_t start = i_;
    const bool negative = next_is('-');
    if (negative) ++i_;
    if (next_is('0')) {
      ++i_;
      if (!at_end() && is_digit(s_[i_])) fail("leading zero in a number", start);
    } else {
      digits("expected a digit after '-'");
    }
    bool digits_only = !negative;
    if (next_is('.')) {
      ++i_;
      digits("expected a digit after '.'");
      digits_only = false;
    }
    if (next_is('e') || next_is('E')) {
      ++i_;
      if (next_is('+') || next_is('-')) ++i_;
      digits("expected a digit in the exponent");
      digits_only = false;
    }
    JsonValue v;
    v.kind = JsonValue::Kind::number;
    const char* first = s_.data() + start;
    const char* last = s_.data() + i_;
    // The literal is valid JSON by now, and JSON's numbers are a subset of what from_chars reads.
    const auto [end, ec] = std::from_chars(first, last, v.number);
    if (ec == std::errc::result_out_of_range) fail("number out of range", start);
    if (ec != std::errc() || end != last) fail("invalid number", start);
    if (digits_only) {
      v.integer = true;
      std::uint64_t whole = 0;
      if (std::from_chars(first, last, whole).ec == std::errc()) v.whole = whole;
    }
    return v;
  }

  std::string string() {
    const std::size_t start = i_++;
    std::string out;
    for (;;) {
      if (at_end()) fail("unterminated string", start);
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c == '\\') escape(out, start);
      else if (c < 0x20) fail("control character in a string");
      else if (c < 0x80) out += static_cast<char>(c), ++i_;
      else utf8(out, start);
    }
  }

  void escape(std::string& out, std::size_t string_start) {
    const std::size_t at = i_;
    if (at + 1 >= s_.size()) fail("unterminated string", string_start);
    const char e = s_[at + 1];
    i_ += 2;
    switch (e) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default:
        i_ = at + 1;
        if (e > 0x20 && e < 0x7F) fail(std::string("invalid escape \\") + e, at);
        fail("invalid escape: '\\' before " + found(), at);
    }
    std::uint32_t cp = hex4(at, string_start);
    const auto lone = [&] { fail("lone surrogate " + std::string(s_.substr(at, 6)), at); };
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // A high surrogate takes a low one, written right after it, to make one code point.
      if (at_end() || (next_is('\\') && i_ + 1 >= s_.size())) fail("unterminated string", string_start);
      if (!next_is('\\') || s_[i_ + 1] != 'u') lone();
      const std::size_t low_at = i_;
      i_ += 2;
      const std::uint32_t low = hex4(low_at, string_start);
      if (low < 0xDC00 || low > 0xDFFF) lone();
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      lone();
    }
    append_utf8(out, cp);
  }

  // The four hex digits of the \u escape at `escape_at`.
  std::uint32_t hex4(std::size_t escape_at, std::size_t string_start) {
    std::uint32_t cp = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      if (at_end()) fail("unterminated string", string_start);
      const int d = hex_digit(s_[i_]);
      if (d < 0)
        fail("invalid escape \\u" + std::string(s_.substr(escape_at + 2, k)) + ": four hex digits expected", escape_at);
      cp = cp * 16 + static_cast<std::uint32_t>(d);
    }
    return cp;
  }

  // A character of two to four bytes, checked to be UTF-8 as RFC 3629 defines
  // it (no overlong forms, surrogates or code points past U+10FFFF).
  void utf8(std::string& out, std::size_t string_start) {
    const std::size_t lead = i_;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s_[lead + k]); };
    std::size_t more;
    std::uint32_t cp;
    if (byte(0) >= 0xC2 && byte(0) <= 0xDF) more = 1, cp = byte(0) & 0x1F;
    else if (byte(0) >= 0xE0 && byte(0) <= 0xEF) more = 2, cp = byte(0) & 0x0F;
    else if (byte(0) >= 0xF0 && byte(0) <= 0xF4) more = 3, cp = byte(0) & 0x07;
    else fail("invalid UTF-8 in a string");
    for (std::size_t k = 1; k <= more; ++k) {
      if (lead + k >= s_.size()) fail("unterminated string", string_start);
      if ((byte(k) & 0xC0) != 0x80) fail("invalid UTF-8 in a string");
      cp = cp << 6 | (byte(k) & 0x3F);
    }
    const std::uint32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("invalid UTF-8 in a string");
    out.append(s_.substr(lead, more + 1));
    i_ = lead + more + 1;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

JsonValue JsonValue::parse(std::string_view text) { return Parser(text).document(); }

}  // namespace archsim::report
