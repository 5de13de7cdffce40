// The JSON reader: valid documents read as written (order, escapes, UTF-8,
// exact whole numbers), every kind of error stopped at its line and column,
// truncated and random input that only ever fails with a JsonError, and
// everything archsim's own JsonWriter writes read back to the same values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <random>

#include "archsim/report/json_reader.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/whatif/replications.hpp"
#include "support/run_command.hpp"
#include "support/sweep_cases.hpp"

using namespace archsim;
using namespace std::string_literals;
using report::JsonError;
using report::JsonValue;
using Kind = JsonValue::Kind;

namespace {

// Parses a copy of `text` in a heap block of exactly its size, with no NUL
// after it, so that a read past the end is one AddressSanitizer reports.
// The error, or nothing when the text is a JSON document.
std::optional<JsonError> error_of(std::string_view text) {
  const auto copy = std::make_unique<char[]>(text.size());
  std::memcpy(copy.get(), text.data(), text.size());
  try {
    JsonValue::parse(std::string_view(copy.get(), text.size()));
    return std::nullopt;
  } catch (const JsonError& e) {
    return e;
  }
}

// One of each: nesting, every escape, a surrogate pair, raw UTF-8, numbers
// of every form, the three words. It ends at its last '}', so that every
// shorter prefix is incomplete.
const std::string kSample =
    "{\"name\": \"caf\\u00e9 \\ud83d\\ude00 \xE2\x98\x83\",\n"
    " \"escapes\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\",\n"
    " \"numbers\": [0, -1, 2.5e-3, 1E+2, -0.75, 18446744073709551615],\n"
    " \"nested\": {\"a\": [[], {}, [true, false, null]], \"b\": {\"c\": \"d\"}}}";

// The text with the white space outside strings taken out.
std::string without_space(const std::string& text) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '\\') {
      out += c;
      if (++i < text.size()) out += text[i];
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (quoted || (c != ' ' && c != '\n' && c != '\t' && c != '\r')) out += c;
  }
  return out;
}

// A value written again with JsonWriter: an exact whole number as one, any
// other number as the double read.
void write(report::JsonWriter& w, const std::string& key, const JsonValue& v) {
  switch (v.kind) {
    case Kind::null: w.value(key, std::nan("")); break;  // the writer's null
    case Kind::boolean: w.value(key, v.boolean); break;
    case Kind::number: v.whole ? w.value(key, *v.whole) : w.value(key, v.number); break;
    case Kind::string: w.value(key, v.text); break;
    case Kind::array:
      w.begin_array(key);
      for (const auto& item : v.items) write(w, "", item);
      w.end_array();
      break;
    case Kind::object:
      w.begin_object(key);
      for (const auto& [k, m] : v.members) write(w, k, m);
      w.end_object();
      break;
  }
}

// What JsonWriter wrote, read and written again, is the same text but for the
// layout: every string and every number (the writer's shortest round-trip
// form of its double) reads back to what was written.
void check_round_trip(const std::string& name, const std::string& json) {
  const auto doc = JsonValue::parse(json);
  report::JsonWriter w;
  write(w, "", doc);
  CHECK_MESSAGE(without_space(w.str()) == without_space(json), name);
}

}  // namespace

TEST_CASE("json reader: nesting, member order, get and at") {
  const auto j = JsonValue::parse(R"({"b": {"c": [1, [2, [3]]], "d.e": "dotted"}, "a": true, "z": null,
                                      "m": false, "s": "x", "empty": {}, "none": []})");
  REQUIRE(j.kind == Kind::object);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.members) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"b", "a", "z", "m", "s", "empty", "none"});
  CHECK(j.at("b.c")->items.at(1).items.at(1).items.at(0).number == 3);
  CHECK(j.get("b")->get("d.e")->text == "dotted");
  CHECK(j.get("a")->kind == Kind::boolean);
  CHECK(j.get("a")->boolean);
  CHECK(j.get("m")->kind == Kind::boolean);
  CHECK_FALSE(j.get("m")->boolean);
  CHECK(j.get("z")->is_null());
  CHECK(j.get("empty")->is_object());
  CHECK(j.get("empty")->members.empty());
  CHECK(j.get("none")->is_array());
  CHECK(j.get("none")->items.empty());
  CHECK(j.get("nope") == nullptr);
  CHECK(j.at("b.nope.c") == nullptr);
  CHECK(j.at("s.x") == nullptr);  // a string has no members
  CHECK(j.get("b")->get("c")->get("0") == nullptr);  // nor has an array

  for (const char* scalar : {"\"x\"", "3", "true", "false", "null", " \t\r\n[ 1 ,\t2 ]\r\n", "\xEF\xBB\xBF{}"})
    CHECK_MESSAGE(!error_of(scalar), scalar);

  // As deep as allowed, arrays and objects alike.
  const int deepest = JsonValue::kMaxDepth;
  CHECK(!error_of(std::string(deepest, '[') + std::string(deepest, ']')));
  std::string objects;
  for (int i = 0; i < deepest; ++i) objects += "{\"a\":";
  CHECK(!error_of(objects + "1" + std::string(deepest, '}')));
}

TEST_CASE("json reader: every escape, and \\u escapes as UTF-8 with surrogate pairs") {
  CHECK(JsonValue::parse(R"("\"\\\/\b\f\n\r\t")").text == "\"\\/\b\f\n\r\t");
  CHECK(JsonValue::parse(R"("\u0041\u00e9\u20AC\uFFFF")").text == "A\xC3\xA9\xE2\x82\xAC\xEF\xBF\xBF");
  // U+1F600 from its surrogate pair, in four bytes; U+10FFFF, the last code point.
  CHECK(JsonValue::parse(R"("\ud83d\ude00")").text == "\xF0\x9F\x98\x80");
  CHECK(JsonValue::parse(R"("\uDBFF\uDFFF")").text == "\xF4\x8F\xBF\xBF");
  CHECK(JsonValue::parse(R"("a\u0000b")").text == "a\0b"s);
  // Raw UTF-8 of two, three and four bytes stays as it is.
  CHECK(JsonValue::parse("\"caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80\"").text == "caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80");
  CHECK(JsonValue::parse(R"({"\u006bey": 1})").get("key") != nullptr);
}

TEST_CASE("json reader: numbers, and whole numbers exactly") {
  const auto n = [](const char* text) { return JsonValue::parse(text); };
  const auto max = n("18446744073709551615");
  CHECK(max.kind == Kind::number);
  CHECK(max.integer);
  CHECK(max.whole == std::numeric_limits<std::uint64_t>::max());
  CHECK(max.number == 18446744073709551615.0);
  // 2^53 + 1 is no double: only `whole` holds it.
  CHECK(n("9007199254740993").whole == 9007199254740993u);
  // One past 2^64: a whole number still, that does not fit.
  const auto over = n("18446744073709551616");
  CHECK(over.integer);
  CHECK_FALSE(over.whole);
  CHECK(over.number == 18446744073709551616.0);
  CHECK(n("0").whole == 0u);
  for (const char* not_whole : {"-0", "-12", "1.0", "1e2", "0.5"}) {
    CHECK_MESSAGE(!n(not_whole).integer, not_whole);
    CHECK_MESSAGE(!n(not_whole).whole, not_whole);
  }
  CHECK(n("-0").number == 0);
  CHECK(std::signbit(n("-0").number));
  CHECK(n("-12").number == -12);
  CHECK(n("1e2").number == 100);
  CHECK(n("1E+2").number == 100);
  CHECK(n("-2.5e-3").number == -0.0025);
  CHECK(n("0.1").number == 0.1);
  CHECK(n("1.7976931348623157e308").number == std::numeric_limits<double>::max());
  CHECK(n("5e-324").number == std::numeric_limits<double>::denorm_min());
  CHECK(n("123456789e-4").number == 12345.6789);
}

TEST_CASE("json reader: each error says what, at its line and column") {
  struct Case {
    std::string text, message;
    int line, column;
  };
  const Case cases[] = {
      {R"({"a": 1 "b": 2})", "expected ',' or '}' after a member", 1, 9},
      {"[1 2]", "expected ',' or ']' after an element", 1, 4},
      {"{\"a\": 1,\n \"b\": 2,\n}", "trailing comma before '}'", 3, 1},
      {"[1,]", "trailing comma before ']'", 1, 4},
      {R"({"a" 1})", "expected ':' after a member's name, found '1'", 1, 6},
      {"{'a': 1}", "expected '\"' to begin a member's name, found '''", 1, 2},
      {"{1: 2}", "expected '\"' to begin a member's name, found '1'", 1, 2},
      {R"({"a": 1, "a": 2})", "duplicate key \"a\"", 1, 10},
      {R"({"a": "abc)", "unterminated string", 1, 7},
      {"\"abc\\", "unterminated string", 1, 1},
      {R"(["a\x"])", "invalid escape \\x", 1, 4},
      {"\"\\\x01\"", "invalid escape: '\\' before byte 0x01", 1, 2},
      {R"("\u12g4")", "invalid escape \\u12: four hex digits expected", 1, 2},
      {R"("\u")", "invalid escape \\u: four hex digits expected", 1, 2},
      {R"("\ud800")", "lone surrogate \\ud800", 1, 2},
      {R"("\uDC00 x")", "lone surrogate \\uDC00", 1, 2},
      {R"("ab\ud83d\u0041")", "lone surrogate \\ud83d", 1, 4},
      {R"("\ud83d\n")", "lone surrogate \\ud83d", 1, 2},
      {"\"tab\there\"", "control character in a string", 1, 5},
      {"[\"line\nbreak\"]", "control character in a string", 1, 7},
      {"\"a\0\""s, "control character in a string", 1, 3},
      {"\"\xC3\"", "invalid UTF-8 in a string", 1, 2},              // a lead byte without its continuation
      {"\"\x80\"", "invalid UTF-8 in a string", 1, 2},              // a continuation without its lead
      {"\"\xC0\xAF\"", "invalid UTF-8 in a string", 1, 2},          // overlong '/'
      {"\"\xE0\x80\xAF\"", "invalid UTF-8 in a string", 1, 2},      // overlong '/' in three bytes
      {"\"\xED\xA0\x80\"", "invalid UTF-8 in a string", 1, 2},      // a surrogate
      {"\"\xF4\x90\x80\x80\"", "invalid UTF-8 in a string", 1, 2},  // past U+10FFFF
      {"1e400", "number out of range", 1, 1},
      {"[0, -1e400]", "number out of range", 1, 5},
      {"[1e-400]", "number out of range", 1, 2},
      {std::string(JsonValue::kMaxDepth + 1, '['), "nesting deeper than 256", 1, JsonValue::kMaxDepth + 1},
      {"{} x", "trailing characters after the document", 1, 4},
      {"1 2", "trailing characters after the document", 1, 3},
      {"{}\n\n  ]", "trailing characters after the document", 3, 3},
      {R"({"a": [1,)", "unexpected end of input", 1, 10},
      {"", "unexpected end of input", 1, 1},
      {" \n ", "unexpected end of input", 2, 2},
      {"nul", "unexpected end of input", 1, 4},
      {"-", "unexpected end of input", 1, 2},
      {"1.", "unexpected end of input", 1, 3},
      {"01", "leading zero in a number", 1, 1},
      {"[-01]", "leading zero in a number", 1, 2},
      {"-a", "expected a digit after '-'", 1, 2},
      {"-Infinity", "expected a digit after '-'", 1, 2},
      {"[1.]", "expected a digit after '.'", 1, 4},
      {"[1e+]", "expected a digit in the exponent", 1, 5},
      {"+1", "expected a value, found '+'", 1, 1},
      {".5", "expected a value, found '.'", 1, 1},
      {"NaN", "expected a value, found 'NaN'", 1, 1},
      {"[Infinity]", "expected a value, found 'Infinity'", 1, 2},
      {"[nulL]", "expected a value, found 'nulL'", 1, 2},
      {"True", "expected a value, found 'True'", 1, 1},
      {"// comment\n1", "expected a value, found '/'", 1, 1},
      {"\f1", "expected a value, found byte 0x0C", 1, 1},          // form feed is no JSON white space
      {"[1,\v2]", "expected a value, found byte 0x0B", 1, 4},      // nor is a vertical tab
      {"\xC2\xA0" "1", "expected a value, found byte 0xC2", 1, 1},  // nor a no-break space
      {"{\n  \"a\": 1,\n  \"b\" 2\n}", "expected ':' after a member's name, found '2'", 3, 7},
  };
  for (const auto& c : cases) {
    const auto e = error_of(c.text);
    REQUIRE_MESSAGE(e, c.text);
    CHECK_MESSAGE(e->message() == c.message, c.text);
    CHECK_MESSAGE(e->line() == c.line, c.text);
    CHECK_MESSAGE(e->column() == c.column, c.text);
  }
  const auto e = error_of("{\n  \"a\": 1,\n  \"b\" 2\n}");
  CHECK(e->offset() == 18);
  CHECK(std::string(e->what()) == "line 3, column 7: expected ':' after a member's name, found '2'");
}

TEST_CASE("json reader: a document cut short at any byte is an error at its end or at the string left open") {
  REQUIRE(!error_of(kSample));
  for (std::size_t size = 0; size < kSample.size(); ++size) {
    const std::string prefix = kSample.substr(0, size);
    const auto e = error_of(prefix);
    REQUIRE_MESSAGE(e, size);
    if (e->message() == "unterminated string") {
      CHECK_MESSAGE(prefix.at(e->offset()) == '"', size);
    } else {
      CHECK_MESSAGE(e->message() == "unexpected end of input", size << ": " << e->what());
      CHECK_MESSAGE(e->offset() == size, size);
    }
  }
}

TEST_CASE("json reader: random bytes and damaged documents only ever give a document or a JsonError") {
  std::mt19937_64 rng(20240607);
  const std::string alphabet = "{}[]\",:\\/ \n0123456789-+.eEtrufalsnu\xC3\xA9\x80\xF0";
  const auto check = [](const std::string& text) {
    // Any other exception, or a crash, fails the test.
    if (const auto e = error_of(text)) {
      if (e->offset() > text.size() || e->line() < 1 || e->column() < 1 || e->message().empty())
        FAIL_CHECK("a bad error position for " << text << ": " << e->what());
    }
  };
  for (int n = 0; n < 4000; ++n) {
    std::string text(rng() % 17, ' ');
    for (auto& c : text) c = rng() % 4 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
    check(text);
  }
  for (int n = 0; n < 2000; ++n) {
    std::string text = kSample;
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
      const std::size_t at = rng() % text.size();
      const char c = rng() % 2 ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng());
      switch (rng() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(at, 1, c); break;
        default: text.erase(at, 1);
      }
    }
    check(text);
  }
}

TEST_CASE("json reader: numbers and strings JsonWriter writes read back exactly") {
  std::vector<double> xs = {0.1, 1.0 / 3, -2.5e-7, 1e15, 1e15 + 1, 123456789012345678.0, 3.141592653589793,
                            std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
                            std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                            -0.0, 42, -42, 0.30000000000000004};
  std::mt19937_64 rng(7);
  while (xs.size() < 3000) {
    const auto bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (std::isfinite(x)) xs.push_back(x);
  }
  const std::vector<std::uint64_t> wholes = {0, 1, 9007199254740993u, std::numeric_limits<std::uint64_t>::max(), rng()};
  std::string strings;
  for (int c = 1; c < 0x80; ++c) strings += static_cast<char>(c);
  strings += "caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80";

  report::JsonWriter w(report::JsonWriter::Digits::kExact);
  w.begin_object().numbers("xs", xs).begin_array("wholes");
  for (auto u : wholes) w.value("", u);
  w.end_array().value("strings", strings).value(strings, true).end_object();
  const auto doc = JsonValue::parse(w.str());
  const auto& read = doc.get("xs")->items;
  REQUIRE(read.size() == xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i)
    CHECK_MESSAGE(read[i].number == xs[i], report::JsonWriter::exact_number(xs[i]));
  const auto& read_wholes = doc.get("wholes")->items;
  REQUIRE(read_wholes.size() == wholes.size());
  for (std::size_t i = 0; i < wholes.size(); ++i) CHECK(read_wholes[i].whole == wholes[i]);
  CHECK(doc.get("strings")->text == strings);
  CHECK(doc.get(strings) != nullptr);
}

TEST_CASE("json reader: every result JsonWriter writes for a run reads back to the values written") {
  // Every scenario's result, as the golden test keeps it.
  int goldens = 0;
  for (const auto& file : std::filesystem::directory_iterator(std::string(ARCHSIM_TESTS_DIR) + "/golden")) {
    check_round_trip(file.path().filename().string(), testing::slurp(file.path().string()));
    ++goldens;
  }
  CHECK(goldens >= 4);
  // A run in this process, and the same run replicated (a figure's values per replication).
  auto loaded = scenario::load_scenario_text(testing::kClerksAt3_5PerSecond, "clerks.yaml");
  REQUIRE(loaded.ok());
  const auto replicated = whatif::replicate(*loaded.scenario, {.replications = 3, .jobs = 1});
  check_round_trip("run", report::to_json(replicated.first));
  check_round_trip("replicated", report::to_json(replicated));
  const auto doc = JsonValue::parse(report::to_json(replicated));
  CHECK(doc.at("replications.seeds")->items.at(2).whole == replicated.seeds.at(2));
}

TEST_CASE("json numbers: a report prints what people read, without the noise of summing doubles") {
  using report::JsonWriter;
  CHECK(JsonWriter::number(15.000000000000002) == "15");
  CHECK(JsonWriter::number(0.1 + 0.2) == "0.3");
  CHECK(JsonWriter::number(43196.15900103894) == "43196.159001");
  CHECK(JsonWriter::number(-2.5e-7) == "-2.5e-07");
  CHECK(JsonWriter::number(1.0 / 3) == "0.333333333333");
  CHECK(JsonWriter::number(123456789) == "123456789");
  // Twelve significant digits, read back, are the value to half a unit of the
  // twelfth digit: 5e-12 of itself at most.
  for (const double x : {1.0 / 7, 299792.458, 6.02214076e23, 1e-300})
    CHECK(std::abs(std::strtod(JsonWriter::number(x).c_str(), nullptr) - x) <= 5e-12 * std::abs(x));
  // Money, a key with `usd` in its name, to a tenth of a cent.
  JsonWriter w;
  w.begin_object()
      .value("monthly_usd", 0.08219859999489999)
      .value("usd", 253157.28999999998)
      .value("usd_if_binary", 1.0005)
      .value("share", 0.08219859999489999)
      .end_object();
  CHECK(w.str() == "{\n  \"monthly_usd\": 0.082,\n  \"usd\": 253157.29,\n  \"usd_if_binary\": 1.001,\n  \"share\": "
                   "0.0821985999949\n}\n");
}
