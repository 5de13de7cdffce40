// Text from a scenario is UTF-8, refused at its byte otherwise, and what it
// shows is what it says: a terminal escape, another control character or a
// bidirectional override in a name reaches no output as itself, in any format.
#include <doctest/doctest.h>

#include <string>

#include "archsim/report/diagram.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/text.hpp"

using namespace archsim;

namespace {

const std::string kBody = R"(duration: 10m
warmup: 0s
workload:
  src: { rate: 5/s }
components:
  w: { service: server, servers: 1, service_time: 10ms }
flows:
  - src -> w
)";

std::string first_error(const scenario::LoadResult& r) {
  REQUIRE_FALSE(r.ok());
  return r.diagnostics.sorted().front().format();
}

}  // namespace

TEST_CASE("text safety: a byte that is not UTF-8 is refused where it is, in the file or a --set") {
  auto r = scenario::load_scenario_text("name: \"caf\xE9\"\n" + kBody, "s.yaml");
  CHECK(first_error(r).rfind("s.yaml:1:11: error: this byte (0xE9) is not UTF-8, which archsim reads; save the file "
                             "as UTF-8",
                             0) == 0);
  // An overlong form of '/', a UTF-16 surrogate, and a code point past U+10FFFF are not UTF-8 either.
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    CAPTURE(bad.size());
    CHECK(scenario::first_invalid_utf8("ok " + bad) == std::size_t{3});
  }
  CHECK_FALSE(scenario::first_invalid_utf8("caf\xC3\xA9 \xE2\x98\x83 \xF0\x9F\x98\x80").has_value());
  r = scenario::load_scenario_text("name: n\n" + kBody, "s.yaml", {"description=caf\xE9"});
  CHECK(first_error(r).rfind("--set:1:16: error: this byte (0xE9) is not UTF-8, which archsim reads; write the value in UTF-8", 0) == 0);
}

TEST_CASE("text safety: control characters and bidirectional overrides are shown as escapes") {
  using scenario::printable;
  CHECK(printable("a\x1b[31mred", false) == "a\\x1b[31mred");
  CHECK(printable("one\ntwo\tthree", true) == "one\ntwo\tthree");
  CHECK(printable("one\ntwo", false) == "one\\ntwo");
  CHECK(printable("next\xC2\x85line", true) == "next\\u{85}line");          // C1 NEL
  CHECK(printable("abc\xE2\x80\xAE" "cba", true) == "abc\\u{202e}cba");      // RIGHT-TO-LEFT OVERRIDE
  CHECK(printable("caf\xC3\xA9 \xE2\x98\x83", false) == "caf\xC3\xA9 \xE2\x98\x83");  // letters stay letters
}

TEST_CASE("text safety: a name with a terminal escape reaches no format as one") {
  // YAML's double quotes make the escape and the override from plain text.
  const std::string yaml = "name: \"evil \\e[2J\\e[31mred \\u202Etxt.exe\"\ndescription: \"line one\\nline \\x07two\"\n" +
                           kBody;
  const auto loaded = scenario::load_scenario_text(yaml, "s.yaml");
  REQUIRE(loaded.ok());
  CHECK(loaded.scenario->name == "evil \\x1b[2J\\x1b[31mred \\u{202e}txt.exe");
  CHECK(loaded.scenario->description == "line one\nline \\x07two");
  const run::RunResult r = run::simulate(*loaded.scenario);
  const std::string outputs[] = {report::to_text(r), report::to_markdown(r), report::to_html(r, ""), report::to_json(r),
                                 report::to_dot(*loaded.scenario)};
  for (const std::string& out : outputs) {
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find("\xE2\x80\xAE") == std::string::npos);
  }
  CHECK(outputs[0].find("evil \\x1b[2J") != std::string::npos);
}
