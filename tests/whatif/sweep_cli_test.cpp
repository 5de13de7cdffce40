// archsim sweep and sweep-merge as a user runs them: the formats, the parts
// of a sharded sweep merging into the whole sweep's bytes, the refusals, and
// every input error before anything runs (exit code 2, no output).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>

#include "support/mini_json.hpp"
#include "support/run_command.hpp"
#include "support/sweep_cases.hpp"

using archsim::testing::Json;
using archsim::testing::run_archsim;
using archsim::testing::slurp;

namespace {

std::string temp(const std::string& name) { return "/tmp/archsim-test-" + std::to_string(::getpid()) + "-sweep-cli-" + name; }

std::string write_file(const std::string& name, const std::string& text) {
  return archsim::testing::write_temp("sweep-cli-" + name, text);
}

const std::string& clerks() {
  static const std::string path = write_file("clerks.yaml", archsim::testing::kClerksAt3_5PerSecond);
  return path;
}

std::string sweep_args() { return "sweep " + clerks() + " --vary components.clerks.servers=1..6+1"; }

// A CSV text as rows of fields, by RFC 4180 (CRLF line ends, quoted fields).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\r') {
      REQUIRE(text.at(i + 1) == '\n');
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
      ++i;
    } else {
      REQUIRE(c != '\n');  // a bare LF ends no record
      field += c;
    }
  }
  REQUIRE(field.empty());
  rows.pop_back();  // after the last CRLF
  return rows;
}

}  // namespace

TEST_CASE("cli: sweep finds the knee, in text, JSON and CSV, with nothing on stderr off a terminal") {
  auto text = run_archsim(sweep_args() + " --wide");
  REQUIRE(text.exit_code == 0);
  CHECK(text.err.empty());  // no progress bar: stderr is not a terminal
  CHECK(text.out.find("the smallest components.clerks.servers that meets every requirement is 4 (cost.monthly_usd") !=
        std::string::npos);
  CHECK(text.out.find("FAIL max_dropped") != std::string::npos);

  auto json = run_archsim(sweep_args() + " --format json");
  REQUIRE(json.exit_code == 0);
  const Json j = Json::parse(json.out);
  CHECK(j.get("format")->text == "archsim sweep");
  CHECK(j.get("fingerprint")->text.size() == 32);
  CHECK(j.at("definition.parameters")->items.at(0).get("values")->items.size() == 6);
  CHECK(j.at("definition.replications")->number == 3);
  const Json* points = j.get("points");
  REQUIRE(points->items.size() == 6);
  const Json& four = points->items.at(3);
  CHECK(four.get("values")->items.at(0).text == "4");
  CHECK(four.get("all_requirements_met")->boolean);
  const Json* dropped = four.get("figures")->get("accounting.dropped");
  REQUIRE(dropped != nullptr);
  CHECK(dropped->get("values")->items.size() == 3);
  CHECK(dropped->get("mean")->number == 0);
  CHECK(j.get("knees")->items.at(0).get("value")->text == "4");
  CHECK(j.get("knees")->items.at(0).get("kind")->text == "found");
  CHECK(j.get("crossings")->kind == Json::Kind::array);
  CHECK(j.get("part") == nullptr);

  auto csv = run_archsim(sweep_args() + " --format csv --metric accounting.dropped --metric throughput_per_s");
  REQUIRE(csv.exit_code == 0);
  const auto rows = read_csv(csv.out);
  REQUIRE(rows.size() == 7);
  CHECK(rows[0] == std::vector<std::string>{"components.clerks.servers", "design", "accounting.dropped.mean",
                                            "accounting.dropped.low", "accounting.dropped.high", "throughput_per_s.mean",
                                            "throughput_per_s.low", "throughput_per_s.high", "all_requirements_met"});
  for (const auto& row : rows) CHECK(row.size() == rows[0].size());
  CHECK(rows[4][0] == "4");
  CHECK(rows[4][2] == "0");
  CHECK(rows[4].back() == "true");
  CHECK(rows[3].back() == "false");
}

TEST_CASE("cli: sweep CSV quotes values with commas, and Markdown has the table and the knee") {
  const std::string vary =
      " --vary 'components.clerks.service_time={dist: constant, value: 1s},{dist: constant, value: \"250ms\"}'";
  auto csv = run_archsim("sweep " + clerks() + vary + " --format csv --metric accounting.dropped");
  REQUIRE(csv.exit_code == 0);
  const auto rows = read_csv(csv.out);
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][0] == "{dist: constant, value: 1s}");
  CHECK(rows[2][0] == "{dist: constant, value: \"250ms\"}");
  CHECK(csv.out.find("\"{dist: constant, value: \"\"250ms\"\"}\"") != std::string::npos);
  // A quarter second each: 2 clerks keep up with 3.5/s, and that is the first value in the list that does.
  CHECK(rows[2].back() == "true");
  auto md = run_archsim("sweep " + clerks() + vary + " --format md");
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.find("## Sweep") != std::string::npos);
  CHECK(md.out.find("| components.clerks.service_time |") != std::string::npos);
  CHECK(md.out.find("the first components.clerks.service_time that meets every requirement is {dist: constant, "
                    "value: \"250ms\"}") != std::string::npos);
}

TEST_CASE("cli: the parts of a sharded sweep merge into the whole sweep's result, byte for byte") {
  auto whole = run_archsim(sweep_args() + " --format json");
  REQUIRE(whole.exit_code == 0);
  std::vector<std::string> parts;
  for (int k = 1; k <= 4; ++k) {
    parts.push_back(temp("part-" + std::to_string(k) + ".json"));
    auto part = run_archsim(sweep_args() + " --shard " + std::to_string(k) + "/4 --jobs 1 -o " + parts.back());
    REQUIRE(part.exit_code == 0);
    const Json j = Json::parse(slurp(parts.back()));
    CHECK(j.at("part.shard")->number == k);
    CHECK(j.get("knees") == nullptr);  // the analysis needs the whole grid
    for (const auto& p : j.get("points")->items) CHECK(static_cast<int>(p.get("index")->number) % 4 == k - 1);
  }
  const std::string all = parts[2] + " " + parts[0] + " " + parts[3] + " " + parts[1];  // any order
  auto merged = run_archsim("sweep-merge " + all + " --format json");
  REQUIRE(merged.exit_code == 0);
  CHECK(merged.out == whole.out);
  for (const std::string format : {"text", "csv", "md"}) {
    auto a = run_archsim(sweep_args() + " --format " + format);
    auto b = run_archsim("sweep-merge " + all + " --format " + format);
    CHECK_MESSAGE(a.out == b.out, format);
  }
  // A whole result merges into itself: the way to turn a saved JSON into another format.
  const std::string saved = write_file("whole.json", whole.out);
  CHECK(run_archsim("sweep-merge " + saved + " --format json").out == whole.out);
  // The chart from the merge is the chart of the sweep.
  const std::string chart_a = temp("a.svg"), chart_b = temp("b.svg");
  REQUIRE(run_archsim(sweep_args() + " --chart " + chart_a).exit_code == 0);
  REQUIRE(run_archsim("sweep-merge " + all + " --chart " + chart_b + " -o /dev/null").exit_code == 0);
  CHECK(slurp(chart_a) == slurp(chart_b));
  CHECK(slurp(chart_a).rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(slurp(chart_a).find("knee 4") != std::string::npos);

  // Refused: a part missing, a part twice, a part of another sweep, a part edited.
  auto missing = run_archsim("sweep-merge " + parts[0] + " " + parts[1] + " " + parts[3]);
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err == parts[0] + ":1:1: error: the parts hold 5 of the sweep's 6 points; missing: 2 (the points of "
                                  "shard 3 of 4); merge every part's output\n");
  auto twice = run_archsim("sweep-merge " + all + " " + parts[1]);
  CHECK(twice.exit_code == 2);
  CHECK(twice.err == parts[1] + ":1:1: error: this part is given twice; give each part once\n");
  const std::string other = temp("other.json");
  REQUIRE(run_archsim(sweep_args() + " --set duration=5m --shard 3/4 -o " + other).exit_code == 0);
  auto mixed = run_archsim("sweep-merge " + parts[0] + " " + parts[1] + " " + other + " " + parts[3]);
  CHECK(mixed.exit_code == 2);
  CHECK(mixed.err == other + ":1:1: error: this part is from another sweep than " + parts[0] +
                         " (its designs, their files' contents, --vary, --set, --seed, --duration, --warmup, --metric "
                         "or --replications differ); merge the parts of one sweep\n");
  std::string text = slurp(parts[2]);
  text.replace(text.find("\"replications\": 3"), 17, "\"replications\": 4");
  const std::string edited = write_file("edited.json", text);
  auto tampered = run_archsim("sweep-merge " + edited);
  CHECK(tampered.exit_code == 2);
  CHECK(tampered.err == edited + ":1:1: error: not a sweep result archsim can read: fingerprint: does not match the "
                                 "definition: the file was edited or damaged; give the JSON that archsim sweep wrote "
                                 "(--format json, or --shard K/N)\n");
  // A point's values outside the definition (a figure lost a replication) are a damaged part, not a crash.
  std::string short_text = slurp(parts[2]);
  const auto values_at = short_text.find("\"values\": [", short_text.find("\"figures\""));
  REQUIRE(values_at != std::string::npos);
  const auto comma = short_text.find(',', values_at);
  const auto first_value = values_at + 11;
  short_text.erase(first_value, comma + 1 - first_value);  // drop the first replication's value
  const std::string shortened = write_file("shortened.json", short_text);
  auto damaged = run_archsim("sweep-merge " + parts[0] + " " + parts[1] + " " + shortened + " " + parts[3]);
  CHECK(damaged.exit_code == 2);
  CHECK(damaged.out.empty());
  CHECK(damaged.err.rfind(shortened + ":1:1: error: not a sweep result archsim can read: points[0].figures.", 0) == 0);
  CHECK(damaged.err.find(".values: 2 values where the sweep ran 3 replications of each point") != std::string::npos);
  const std::string broken = write_file("broken.json", "{\"format\": \"archsim sweep\",\n  \"points\": [1,]\n}");
  auto not_json = run_archsim("sweep-merge " + broken);
  CHECK(not_json.exit_code == 2);
  CHECK(not_json.err == broken + ":2:16: error: not JSON: trailing comma before ']'\n");
  CHECK(run_archsim("sweep-merge " + temp("nothing-here.json")).err ==
        temp("nothing-here.json") + ":1:1: error: cannot read this part: No such file or directory; check the path\n");
}

TEST_CASE("cli: sweep input errors exit 2 before anything runs, with the place and what would be valid") {
  for (const std::string command : {"sweep", "sweep-merge"}) {
    auto help = run_archsim(command + " --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--format") != std::string::npos);
  }
  auto check_error = [](const std::string& args, const std::string& err) {
    auto r = run_archsim(args);
    CHECK_MESSAGE(r.exit_code == 2, args);
    CHECK_MESSAGE(r.out.empty(), args);
    CHECK_MESSAGE(r.err == err, args);
  };
  const std::string file = clerks();
  check_error("sweep " + file + " --vary components.clerks.servers=8..1+1",
              "--vary:1:30: error: the range ends at 1, before it starts at 8; write the smaller end first\n");
  // The scenario's own check of a value, at the --vary and the column that gave it.
  check_error("sweep " + file + " --vary components.clerks.servers=2,0,x",
              "--vary:1:29: error: 'servers' in server component 'clerks' must be at least 1\n"
              "--vary:1:31: error: 'servers' in server component 'clerks': 'x' is not a whole number\n");
  check_error("sweep " + file + " --vary components.clerks.servers=0..2+1",
              "--vary:1:27: error: 'servers' in server component 'clerks' must be at least 1 (the range's value 0)\n");
  // A key that is not there, as --set reports it.
  check_error("sweep " + file + " --vary components.clerk.servers=1,2",
              "--vary:1:12: error: no key 'clerk' at 'components.clerk'; did you mean 'clerks'?\n");
  check_error("sweep " + file + " --vary components.clerks.servers=1,2 --set components.clerks.servers=3",
              "--vary:1:1: error: 'components.clerks.servers' is varied here and fixed by --set 1; drop one of them\n");
  check_error("sweep " + file + " --vary components.clerks.servers=1,2 --metric accounting.dropt",
              "--metric:1:1: error: no figure 'accounting.dropt' in this design; did you mean 'accounting.dropped'?\n");
  check_error("sweep " + file + " --vary components.clerks.servers=1,2 --shard 1/2 --format csv",
              "--shard: error: a part is written as JSON for archsim sweep-merge, which writes the other formats and "
              "the chart; drop --format and --chart here\n");
  check_error("sweep " + file + " --vary components.clerks.servers=1,2 --chart out.png",
              "out.png:1:1: error: the chart is SVG: give a PATH ending .svg\n");
  check_error("sweep " + temp("absent.yaml") + " --vary components.clerks.servers=1,2",
              temp("absent.yaml") + ":1:1: error: cannot read the scenario file: No such file or directory; check the path\n");
  // Where the result and the chart go is checked before anything runs, not after the sweep.
  check_error("sweep " + file + " --vary components.clerks.servers=1,2 -o /nonexistent-dir/r.txt --chart "
                  "/nonexistent-dir/c.svg",
              "/nonexistent-dir/r.txt:1:1: error: cannot write the sweep's result here; check the directory exists "
              "and is writable\n/nonexistent-dir/c.svg:1:1: error: cannot write the chart here; check the directory "
              "exists and is writable\n");
  const std::string written = temp("written.txt");
  std::remove(written.c_str());
  check_error("sweep " + file + " --vary components.clerks.servers=1,2 -o " + written + " --chart /nonexistent-dir/c.svg",
              "/nonexistent-dir/c.svg:1:1: error: cannot write the chart here; check the directory exists and is "
              "writable\n");
  CHECK_FALSE(std::ifstream(written).good());  // no result without its chart
  check_error("compare " + file + " " + file + " -o /nonexistent-dir/c.txt",
              "/nonexistent-dir/c.txt:1:1: error: cannot write the comparison here; check the directory exists and is "
              "writable\n");
  check_error("run " + file + " --replications 3 -o /nonexistent-dir/r.txt",
              "/nonexistent-dir/r.txt:1:1: error: cannot write the report here; check the directory exists and is "
              "writable\n");
  // The seed is not swept: every point runs the replications' seeds.
  check_error("sweep " + file + " --vary seed=1..3+1",
              "--vary:1:1: error: the seed is not a parameter to sweep: every point runs the same seeds, S to S+N-1; "
              "ask for more seeds with --replications N, or other ones with --seed S\n");
  auto shard = run_archsim("sweep " + file + " --vary components.clerks.servers=1,2 --shard 5/4");
  CHECK(shard.exit_code == 2);
  CHECK(shard.err.find("'5/4' is not K/N with 1 <= K <= N") != std::string::npos);
  CHECK(run_archsim("sweep " + file).exit_code == 2);  // --vary is required
  CHECK(run_archsim("sweep " + file + " --vary components.clerks.servers=1,2 --replications 0").exit_code == 2);
  CHECK(run_archsim("sweep " + file + " --vary components.clerks.servers=1,2 --duration 10").exit_code == 2);
}

TEST_CASE("cli: sweep draws a progress bar on a terminal once it takes a second, and escapes names in its chart") {
  // `script` gives the command a terminal for standard error.
  const std::string out = temp("progress.txt"), typescript = temp("typescript.txt");
  const auto on_terminal = [&](const std::string& args) -> std::optional<std::string> {
    const std::string command = "script -qec \"" + std::string(ARCHSIM_BINARY) + " " + args + " -o " + out +
                                "\" /dev/null >" + typescript + " 2>&1";
    if (std::system(command.c_str()) != 0) return std::nullopt;
    return slurp(typescript);
  };
  // Three runs of half a day of the default scenario: about three seconds.
  const std::string slow = "sweep " + std::string(ARCHSIM_SOURCE_DIR) +
                           "/scenarios/realtime-inventory.yaml --vary components.inventory_stream.shards=450,500,550 "
                           "--duration 12h --warmup 5m --replications 1";
  if (const auto shown = on_terminal(slow)) {
    CHECK(shown->find("\rsweep: [") != std::string::npos);
    CHECK(shown->find("] 3/3 runs") != std::string::npos);
    CHECK(slurp(out).find("sweep: [") == std::string::npos);  // never in the result
    // A sweep done within a second shows nothing; nor one with --quiet.
    const auto quick = on_terminal(sweep_args());
    REQUIRE(quick);
    CHECK(quick->find("sweep: [") == std::string::npos);
    const auto quiet = on_terminal(slow + " --quiet");
    REQUIRE(quiet);
    CHECK(quiet->find("sweep: [") == std::string::npos);
  } else {
    MESSAGE("script(1) cannot give the command a terminal here; progress bar not checked");
  }
  const std::string odd = write_file("a<b>&c.yaml", archsim::testing::kClerksAt3_5PerSecond);
  const std::string chart = temp("odd.svg");
  REQUIRE(run_archsim("sweep '" + odd + "' '" + clerks() + "' --vary components.clerks.servers=1,2 --chart " + chart +
                      " -o /dev/null")
              .exit_code == 0);
  const std::string svg = slurp(chart);
  CHECK(svg.find("a&lt;b&gt;&amp;c.yaml") != std::string::npos);
  CHECK(svg.find("a<b>") == std::string::npos);
}

TEST_CASE("cli: a sweep point beyond what a run can show is refused before any run, named by its values") {
  const std::string file = write_file("overloaded.yaml", R"(name: overloaded
duration: 10m
workload:
  jobs: {rate: 100/s}
components:
  w: {service: server, servers: 1, service_time: 1s}
  done: {service: sink}
flows:
  - jobs -> w -> done
)");
  const auto r = run_archsim("sweep " + file + " --vary components.w.servers=1,2,200");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("(in the point components.w.servers=1)") != std::string::npos);
  CHECK(r.err.find("(in the point components.w.servers=2)") != std::string::npos);
  CHECK(r.err.find("components.w.servers=200") == std::string::npos);  // 50% busy: within reach
  CHECK(r.err.find("would be offered 100x what it takes") != std::string::npos);
  CHECK(r.err.find("give --allow-overload") != std::string::npos);
}
