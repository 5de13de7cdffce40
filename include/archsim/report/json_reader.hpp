// A JSON reader for files a user hands back to archsim (a sweep's parts), by
// RFC 8259 to the letter: UTF-8 text, \u escapes decoded to UTF-8 (surrogate
// pairs joined), no leading zeros, trailing commas, NaN or comments, white
// space only space, tab, CR and LF. The first problem stops the reading with a
// JsonError that says what and where (byte offset, line and column). Every
// access is checked against the text's end and nesting is limited, so no
// input, however broken, reads out of bounds or exhausts the stack.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace archsim::report {

class JsonError : public std::runtime_error {
 public:
  // `what()` is "line L, column C: MESSAGE"; `message()` the message alone.
  JsonError(std::string message, std::size_t offset, int line, int column);
  const std::string& message() const { return message_; }
  std::size_t offset() const { return offset_; }  // bytes from the start of the text
  int line() const { return line_; }              // from 1; lines end at LF
  int column() const { return column_; }          // from 1, in bytes

 private:
  std::string message_;
  std::size_t offset_;
  int line_, column_;
};

struct JsonMember;

struct JsonValue {
  enum class Kind { null, boolean, number, string, array, object };
  // Deeper arrays and objects are refused.
  static constexpr int kMaxDepth = 256;

  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;  // the nearest double to the literal
  // A number written as digits alone (a non-negative integer: no sign,
  // fraction or exponent) is `integer`; `whole` is its exact value when it
  // fits in 64 bits and empty when it does not.
  bool integer = false;
  std::optional<std::uint64_t> whole;
  std::string text;              // a string, as UTF-8
  std::vector<JsonValue> items;  // an array
  // An object, in document order; keys unique. (A struct of its own, not a
  // pair: a pair needs JsonValue complete, and clang checks it here.)
  std::vector<JsonMember> members;

  bool is_null() const { return kind == Kind::null; }
  bool is_object() const { return kind == Kind::object; }
  bool is_array() const { return kind == Kind::array; }
  bool is_string() const { return kind == Kind::string; }

  // An object's member; nullptr when there is none (or this is no object).
  const JsonValue* get(const std::string& key) const;
  // Follows a dotted path of member names ("part.shard"); nullptr if a step is missing.
  const JsonValue* at(const std::string& path) const;

  // The one document in `text`; throws JsonError at the first problem.
  static JsonValue parse(std::string_view text);
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

}  // namespace archsim::report
