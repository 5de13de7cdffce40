// A sweep as JSON, and back. The same text serves as the whole result and as
// a shard's part: a part is the whole's points that one shard ran, with the
// definition and fingerprint that let sweep-merge check they belong together.
// The reader rebuilds exactly what the writer wrote (numbers round-trip), so
// a merged sweep prints the bytes of the whole one.
#include "archsim/report/json_reader.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/sweep_reports.hpp"
#include "archsim/version.hpp"
#include "json_run.hpp"
#include "sweep_text.hpp"

namespace archsim::report {

namespace {

using Json = JsonValue;
constexpr const char* kFormat = "archsim sweep";
constexpr std::uint64_t kFormatVersion = 1;

const char* better_name(whatif::Better b) {
  switch (b) {
    case whatif::Better::kLower: return "lower";
    case whatif::Better::kHigher: return "higher";
    case whatif::Better::kNeither: break;
  }
  return "neither";
}

const char* knee_kind_name(whatif::Knee::Kind k) {
  switch (k) {
    case whatif::Knee::Kind::kFound: return "found";
    case whatif::Knee::Kind::kAtFirst: return "at_first";
    case whatif::Knee::Kind::kNone: return "none";
    case whatif::Knee::Kind::kNoRequirements: break;
  }
  return "no_requirements";
}

void strings(JsonWriter& w, const std::string& key, const std::vector<std::string>& values) {
  w.begin_array(key);
  for (const auto& v : values) w.value("", v);
  w.end_array();
}

void write_definition(JsonWriter& w, const whatif::SweepResult& r) {
  const auto& d = r.definition;
  w.begin_object("definition");
  w.begin_array("designs");
  for (std::size_t i = 0; i < d.grid.designs.size(); ++i)
    w.begin_object()
        .value("file", d.grid.designs[i])
        .value("name", i < r.design_names.size() ? r.design_names[i] : std::string())
        .value("md5", i < d.design_digests.size() ? d.design_digests[i] : std::string())
        .end_object();
  w.end_array();
  w.begin_array("parameters");
  for (const auto& p : d.grid.parameters) {
    std::vector<std::string> texts;
    std::vector<double> xs;
    for (const auto& v : p.values) texts.push_back(v.text), xs.push_back(v.x);
    w.begin_object().value("key", p.key).value("values_text", p.values_text).value("kind", whatif::values_kind_name(p.kind));
    w.value("numeric", p.numeric).value("unit", p.unit);
    strings(w, "values", texts);
    w.numbers("x", xs).end_object();
  }
  w.end_array();
  strings(w, "sets", d.sets);
  if (!d.faults.empty()) strings(w, "faults", d.faults);
  strings(w, "metrics", d.metrics);
  w.value("replications", static_cast<std::uint64_t>(d.replications));
  w.value("points", static_cast<std::uint64_t>(d.grid.size()));
  w.end_object();
}

void write_point(JsonWriter& w, const whatif::SweepResult& r, const whatif::SweepPoint& p) {
  const auto& grid = r.definition.grid;
  const whatif::GridPoint g = grid.point(p.index);
  w.begin_object().value("index", static_cast<std::uint64_t>(p.index)).value("design", grid.designs.at(g.design));
  w.begin_array("values");
  for (std::size_t i = 0; i < g.values.size(); ++i) w.value("", grid.parameters[i].values[g.values[i]].text);
  w.end_array();
  w.begin_array("seeds");
  for (auto seed : p.seeds) w.value("", seed);
  w.end_array();
  w.value("all_requirements_met", p.all_met());
  w.begin_array("requirements");
  for (const auto& q : p.requirements) {
    w.begin_object().value("name", q.first.name);
    write_requirement_scope(w, q.first);
    w.value("target_text", q.first.target_text)
        .value("target", q.first.target)
        .value("at_most", q.first.at_most)
        .value("verdict", whatif::verdict_name(q.verdict))
        .value("passed", static_cast<std::uint64_t>(q.passed))
        .value("mean", q.actual.mean)
        .value("half_width", q.actual.half_width)
        .numbers("values", q.actual.values)
        .end_object();
  }
  w.end_array();
  w.begin_object("figures");
  for (const auto& f : p.figures)
    w.begin_object(f.figure.id)
        .value("label", f.figure.label)
        .value("unit", sweep_text::unit_name(f.figure.unit))
        .value("better", better_name(f.figure.better))
        .value("averaged", f.figure.averaged)
        .value("mean", f.interval.mean)
        .value("half_width", f.interval.half_width)
        .numbers("values", f.interval.values)
        .end_object();
  w.end_object();
  w.end_object();
}

void write_knees(JsonWriter& w, const whatif::SweepResult& r) {
  const auto& first = r.definition.grid.parameters.at(0);
  w.begin_array("knees");
  for (const auto& k : r.knees) {
    w.begin_object().value("line", r.line_name(k.line)).value("kind", knee_kind_name(k.kind));
    if (k.point) {
      const auto value = r.definition.grid.point(*k.point).values.at(0);
      w.value("value", first.values[value].text);
      if (first.numeric) w.value("x", first.values[value].x);
      w.begin_object("figures");
      for (const auto& m : r.definition.metrics)
        if (const auto* f = r.at(*k.point).find(m))
          w.begin_object(m).value("mean", f->interval.mean).value("half_width", f->interval.half_width).end_object();
      w.end_object();
    }
    std::vector<std::string> uncertain;
    for (auto i : k.uncertain) uncertain.push_back(first.values[r.definition.grid.point(i).values.at(0)].text);
    strings(w, "uncertain", uncertain);
    if (k.fails_again) w.value("fails_again", first.values[r.definition.grid.point(*k.fails_again).values.at(0)].text);
    w.end_object();
  }
  w.end_array();
}

void write_crossings(JsonWriter& w, const whatif::SweepResult& r) {
  w.begin_array("crossings");
  for (const auto& c : r.crossings)
    w.begin_object()
        .value("metric_a", c.metric_a)
        .value("line_a", r.line_name(c.line_a))
        .value("metric_b", c.metric_b)
        .value("line_b", r.line_name(c.line_b))
        .value("x", c.x)
        .value("low", c.low)
        .value("high", c.high)
        .value("low_bounded", c.low_bounded)
        .value("high_bounded", c.high_bounded)
        .value("a_lower_before", c.a_lower_before)
        .value("paired", c.paired)
        .end_object();
  w.end_array();
}

// Reading: the first thing that is not as the writer writes it stops the
// reading, named by its path in the document.
struct Bad {
  std::string where, what;
};

const Json& member(const Json& object, const char* key, const std::string& where) {
  if (!object.is_object()) throw Bad{where, "expected an object"};
  const Json* found = object.get(key);
  if (!found) throw Bad{where, std::string("no \"") + key + "\""};
  return *found;
}

std::string text(const Json& j, const std::string& where) {
  if (!j.is_string()) throw Bad{where, "expected a string"};
  return j.text;
}

double number(const Json& j, const std::string& where) {
  if (j.is_null()) return NAN;  // the writer's non-finite numbers
  if (j.kind != Json::Kind::number) throw Bad{where, "expected a number"};
  return j.number;
}

std::uint64_t whole(const Json& j, const std::string& where) {
  if (!j.whole) throw Bad{where, "expected a whole number"};
  return *j.whole;
}

bool flag(const Json& j, const std::string& where) {
  if (j.kind != Json::Kind::boolean) throw Bad{where, "expected true or false"};
  return j.boolean;
}

const std::vector<Json>& list(const Json& j, const std::string& where) {
  if (!j.is_array()) throw Bad{where, "expected a list"};
  return j.items;
}

std::vector<std::string> texts(const Json& j, const std::string& where) {
  std::vector<std::string> out;
  for (const auto& v : list(j, where)) out.push_back(text(v, where));
  return out;
}

std::vector<double> numbers(const Json& j, const std::string& where) {
  std::vector<double> out;
  for (const auto& v : list(j, where)) out.push_back(number(v, where));
  return out;
}

template <typename Enum, std::size_t N>
Enum named(const std::string& name, const std::pair<const char*, Enum> (&names)[N], const std::string& where) {
  for (const auto& [n, e] : names)
    if (name == n) return e;
  throw Bad{where, "unknown value '" + name + "'"};
}

whatif::SweepParameter read_parameter(const Json& j, const std::string& where) {
  static const std::pair<const char*, whatif::ValuesKind> kinds[] = {
      {"list", whatif::ValuesKind::kList}, {"linear", whatif::ValuesKind::kLinear},
      {"geometric", whatif::ValuesKind::kGeometric}};
  whatif::SweepParameter p;
  p.key = text(member(j, "key", where), where + ".key");
  p.values_text = text(member(j, "values_text", where), where + ".values_text");
  p.kind = named(text(member(j, "kind", where), where + ".kind"), kinds, where + ".kind");
  p.numeric = flag(member(j, "numeric", where), where + ".numeric");
  p.unit = text(member(j, "unit", where), where + ".unit");
  const auto values = texts(member(j, "values", where), where + ".values");
  const auto xs = numbers(member(j, "x", where), where + ".x");
  if (values.empty() || xs.size() != values.size()) throw Bad{where, "values and x differ in length"};
  for (std::size_t i = 0; i < values.size(); ++i) p.values.push_back({values[i], xs[i], 0});
  return p;
}

void read_definition(const Json& j, whatif::SweepResult& r) {
  const std::string where = "definition";
  auto& d = r.definition;
  const auto& designs = list(member(j, "designs", where), where + ".designs");
  for (std::size_t i = 0; i < designs.size(); ++i) {
    const std::string at = where + ".designs[" + std::to_string(i) + "]";
    d.grid.designs.push_back(text(member(designs[i], "file", at), at + ".file"));
    r.design_names.push_back(text(member(designs[i], "name", at), at + ".name"));
    d.design_digests.push_back(text(member(designs[i], "md5", at), at + ".md5"));
  }
  const auto& parameters = list(member(j, "parameters", where), where + ".parameters");
  for (std::size_t i = 0; i < parameters.size(); ++i)
    d.grid.parameters.push_back(read_parameter(parameters[i], where + ".parameters[" + std::to_string(i) + "]"));
  if (d.grid.designs.empty() || d.grid.parameters.empty() || d.grid.parameters.size() > 2)
    throw Bad{where, "a sweep has designs and one or two parameters"};
  d.sets = texts(member(j, "sets", where), where + ".sets");
  if (const Json* faults = j.at("faults")) d.faults = texts(*faults, where + ".faults");
  d.metrics = texts(member(j, "metrics", where), where + ".metrics");
  d.replications = whole(member(j, "replications", where), where + ".replications");
}

whatif::ReplicatedRequirement read_requirement(const Json& j, const std::string& where) {
  static const std::pair<const char*, whatif::Verdict> verdicts[] = {
      {"PASS", whatif::Verdict::kPass}, {"FAIL", whatif::Verdict::kFail}, {"UNCERTAIN", whatif::Verdict::kUncertain}};
  whatif::ReplicatedRequirement q;
  q.first.name = text(member(j, "name", where), where + ".name");
  if (const Json* scope = j.get("scope")) q.first.scope = text(*scope, where + ".scope");
  q.first.target_text = text(member(j, "target_text", where), where + ".target_text");
  q.first.target = number(member(j, "target", where), where + ".target");
  q.first.at_most = flag(member(j, "at_most", where), where + ".at_most");
  q.verdict = named(text(member(j, "verdict", where), where + ".verdict"), verdicts, where + ".verdict");
  q.passed = whole(member(j, "passed", where), where + ".passed");
  q.actual = whatif::summarize(numbers(member(j, "values", where), where + ".values"));
  q.first.actual = q.actual.values.empty() ? 0 : q.actual.values.front();
  q.first.pass = q.verdict == whatif::Verdict::kPass;
  return q;
}

whatif::ReplicatedFigure read_figure(const std::string& id, const Json& j, const std::string& where) {
  static const std::pair<const char*, whatif::Better> betters[] = {
      {"lower", whatif::Better::kLower}, {"higher", whatif::Better::kHigher}, {"neither", whatif::Better::kNeither}};
  whatif::ReplicatedFigure f;
  f.figure.id = id;
  f.figure.label = text(member(j, "label", where), where + ".label");
  const std::string unit = text(member(j, "unit", where), where + ".unit");
  const auto parsed = sweep_text::unit_from_name(unit);
  if (!parsed) throw Bad{where + ".unit", "unknown unit '" + unit + "'"};
  f.figure.unit = *parsed;
  f.figure.better = named(text(member(j, "better", where), where + ".better"), betters, where + ".better");
  f.figure.averaged = flag(member(j, "averaged", where), where + ".averaged");
  f.interval = whatif::summarize(numbers(member(j, "values", where), where + ".values"));
  f.figure.value = f.interval.values.empty() ? 0 : f.interval.values.front();
  return f;
}

// Every value list of a point has one value per replication: the analysis
// pairs them replication by replication.
void check_count(std::size_t count, std::size_t replications, const std::string& where) {
  if (count != replications)
    throw Bad{where, std::to_string(count) + " values where the sweep ran " + std::to_string(replications) +
                         " replications of each point"};
}

whatif::SweepPoint read_point(const Json& j, std::size_t replications, const std::string& where) {
  whatif::SweepPoint p;
  p.index = whole(member(j, "index", where), where + ".index");
  for (const auto& s : list(member(j, "seeds", where), where + ".seeds")) p.seeds.push_back(whole(s, where + ".seeds"));
  check_count(p.seeds.size(), replications, where + ".seeds");
  const auto& requirements = list(member(j, "requirements", where), where + ".requirements");
  for (std::size_t i = 0; i < requirements.size(); ++i) {
    const std::string at = where + ".requirements[" + std::to_string(i) + "]";
    p.requirements.push_back(read_requirement(requirements[i], at));
    check_count(p.requirements.back().actual.count(), replications, at + ".values");
  }
  const auto& figures = member(j, "figures", where);
  if (!figures.is_object()) throw Bad{where + ".figures", "expected an object"};
  for (const auto& [id, f] : figures.members) {
    p.figures.push_back(read_figure(id, f, where + ".figures." + id));
    check_count(p.figures.back().interval.count(), replications, where + ".figures." + id + ".values");
  }
  return p;
}

}  // namespace

std::string to_json(const whatif::SweepResult& r) {
  // A sweep's JSON is read back by sweep-merge (a part, or a whole result
  // turned into another format): its figures go exactly as computed, so that
  // the merge's result is the whole sweep's, byte for byte.
  JsonWriter w(JsonWriter::Digits::kExact);
  w.begin_object().value("format", kFormat).value("format_version", kFormatVersion).value("archsim", kVersion);
  w.value("fingerprint", whatif::fingerprint(r.definition));
  write_definition(w, r);
  if (r.shard)
    w.begin_object("part")
        .value("shard", static_cast<std::uint64_t>(r.shard->k))
        .value("of", static_cast<std::uint64_t>(r.shard->n))
        .end_object();
  w.begin_array("points");
  for (const auto& p : r.points) write_point(w, r, p);
  w.end_array();
  if (r.complete()) {
    write_knees(w, r);
    write_crossings(w, r);
  }
  w.end_object();
  return w.str();
}

std::optional<whatif::SweepResult> read_sweep_json(const std::string& text_in, const std::string& file,
                                                   scenario::Diagnostics& diags) {
  Json doc;
  try {
    doc = Json::parse(text_in);
  } catch (const JsonError& e) {
    diags.error({file, e.line(), e.column()}, "not JSON: " + e.message());
    return std::nullopt;
  }
  try {
    const Json* format = doc.get("format");
    if (!format || !format->is_string() || format->text != kFormat)
      throw Bad{"format", std::string("not the JSON of an archsim sweep (no \"format\": \"") + kFormat + "\")"};
    if (whole(member(doc, "format_version", ""), "format_version") != kFormatVersion)
      throw Bad{"format_version", "written by another version of archsim's sweep format"};
    const std::string version = text(member(doc, "archsim", ""), "archsim");
    if (version != kVersion)
      throw Bad{"archsim", "written by archsim " + version + ", this is archsim " + std::string(kVersion) +
                               "; merge parts with the archsim that ran them"};
    whatif::SweepResult r;
    read_definition(member(doc, "definition", ""), r);
    if (text(member(doc, "fingerprint", ""), "fingerprint") != whatif::fingerprint(r.definition))
      throw Bad{"fingerprint", "does not match the definition: the file was edited or damaged"};
    if (const Json* part = doc.get("part")) {
      r.shard = whatif::Shard{whole(member(*part, "shard", "part"), "part.shard"), whole(member(*part, "of", "part"), "part.of")};
    }
    const auto& points = list(member(doc, "points", ""), "points");
    for (std::size_t i = 0; i < points.size(); ++i) r.points.push_back(read_point(points[i], r.definition.replications, "points[" + std::to_string(i) + "]"));
    return r;
  } catch (const Bad& bad) {
    diags.error({file, 1, 1}, "not a sweep result archsim can read: " + (bad.where.empty() ? "" : bad.where + ": ") +
                                  bad.what + "; give the JSON that archsim sweep wrote (--format json, or --shard K/N)");
    return std::nullopt;
  }
}

}  // namespace archsim::report
