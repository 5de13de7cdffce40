// archsim schema: a JSON Schema of the scenario format written from the
// model specs. Every shipped scenario, lesson, template and challenge
// starter conforms to it, and the mistakes an editor should flag as the
// user types (a misspelt key, a service's key on another service, an
// unknown choice) do not. Checked by a small draft-07 validator of the
// keywords the schema uses, over the YAML read as a YAML 1.2 editor reads it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <regex>

#include "archsim/models/builtin.hpp"
#include "archsim/report/schema.hpp"
#include "archsim/scenario/challenge.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/yaml_tree.hpp"
#include "support/mini_json.hpp"

using namespace archsim;
using testing::Json;

namespace {

// The JSON type of a YAML node under the YAML 1.2 core schema.
std::string type_of(const scenario::YamlNode& n) {
  if (n.is_map()) return "object";
  if (n.is_seq()) return "array";
  if (n.is_null()) return "null";
  if (n.quoted) return "string";
  const std::string& s = n.scalar;
  if (s.empty() || s == "~" || s == "null") return "null";
  if (s == "true" || s == "false") return "boolean";
  if (std::regex_match(s, std::regex("[-+]?[0-9]+"))) return "integer";
  if (std::regex_match(s, std::regex("[-+]?([0-9]*\\.[0-9]+|[0-9]+\\.?[0-9]*)([eE][-+]?[0-9]+)?"))) return "number";
  return "string";
}

struct Validator {
  const Json& root;
  std::vector<std::string> errors;

  const Json& resolve(const Json& s) const {
    const Json* ref = s.get("$ref");
    if (!ref) return s;
    return *root.at("definitions." + ref->text.substr(std::string("#/definitions/").size()));
  }

  bool type_ok(const Json& t, const std::string& actual) const {
    auto one = [&](const std::string& want) { return want == actual || (want == "number" && actual == "integer"); };
    if (t.is_string()) return one(t.text);
    for (const auto& item : t.items)
      if (one(item.text)) return true;
    return false;
  }

  bool check(const Json& schema_in, const scenario::YamlNode& n, const std::string& at) {
    const Json& s = resolve(schema_in);
    const std::size_t before = errors.size();
    if (const Json* t = s.get("type"); t && !type_ok(*t, type_of(n))) errors.push_back(at + ": not of type " + type_of(n));
    if (const Json* e = s.get("enum")) {
      bool found = false;
      for (const auto& item : e->items) found = found || (n.is_scalar() && item.text == n.scalar);
      if (!found) errors.push_back(at + ": '" + n.scalar + "' not in the enum");
    }
    if (const Json* c = s.get("const"); c && !(n.is_scalar() && n.scalar == c->text)) errors.push_back(at + ": not the const");
    if (n.is_map()) {
      if (const Json* r = s.get("required"))
        for (const auto& key : r->items)
          if (!n.find(key.text)) errors.push_back(at + ": '" + key.text + "' is required");
      const Json* props = s.get("properties");
      const Json* extra = s.get("additionalProperties");
      for (std::size_t i = 0; i < n.keys.size(); ++i) {
        const std::string& key = n.keys[i].scalar;
        if (const Json* p = props ? props->get(key) : nullptr) check(*p, n.items[i], at + "." + key);
        else if (extra && extra->kind == Json::Kind::boolean && !extra->boolean) errors.push_back(at + ": '" + key + "' is not allowed");
        else if (extra && extra->is_object()) check(*extra, n.items[i], at + "." + key);
      }
    }
    if (const Json* all = s.get("allOf"))
      for (const auto& sub : all->items) {
        const Json* cond = sub.get("if");
        if (!cond) {
          check(sub, n, at);
          continue;
        }
        Validator probe{root, {}};
        if (probe.check(*cond, n, at)) check(*sub.get("then"), n, at);
      }
    return errors.size() == before;
  }
};

const Json& schema() {
  static const Json s = Json::parse(report::scenario_schema());
  return s;
}

std::vector<std::string> problems(const std::string& text) {
  scenario::Diagnostics diags;
  const auto doc = scenario::parse_yaml(text, "doc.yaml", diags);
  REQUIRE(doc);
  Validator v{schema(), {}};
  v.check(schema(), *doc, "$");
  return v.errors;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("schema: it names every top-level key, every service and each service's keys") {
  const Json& s = schema();
  for (const auto& key : scenario::scenario_keys()) CHECK(s.at("properties." + key));
  const auto& services = s.at("definitions.component.allOf")->items;
  REQUIRE(services.size() == models::builtin_models().size());
  for (std::size_t i = 0; i < services.size(); ++i) {
    const auto& m = models::builtin_models()[i];
    CHECK(services[i].at("if.properties.service")->get("const")->text == m.service);
    for (const auto& p : m.params) CHECK(services[i].at("then.properties." + p.name));
  }
}

TEST_CASE("schema: every shipped scenario, lesson, template and challenge starter conforms") {
  const std::filesystem::path root(ARCHSIM_SOURCE_DIR);
  int checked = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root / "scenarios")) {
    if (e.path().extension() != ".yaml" || e.path().parent_path().filename() == "answers") continue;
    CAPTURE(e.path().string());
    const auto errors = problems(slurp(e.path()));
    CHECK(errors.empty());
    for (const auto& m : errors) MESSAGE(m);
    ++checked;
  }
  for (const auto& name : scenario::challenge_names((root / "challenges").string())) {
    auto c = scenario::load_challenge((root / "challenges" / (name + ".yaml")).string());
    REQUIRE(c.challenge);
    CAPTURE(name);
    CHECK(problems(scenario::starter_text(*c.challenge)).empty());
    ++checked;
  }
  CHECK(checked > 20);
}

TEST_CASE("schema: a misspelt key, another service's key and an unknown choice are flagged") {
  const std::string base = "name: x\nduration: 1h\nworkload:\n  e: {rate: 10/s}\nflows: [e -> s]\ncomponents:\n  s: ";
  CHECK(problems(base + "{service: kinesis, shards: 2}\n").empty());
  const auto misspelt = problems(base + "{service: kinesis, shardz: 2}\n");
  REQUIRE(misspelt.size() == 1);
  CHECK(misspelt[0].find("'shardz' is not allowed") != std::string::npos);
  CHECK_FALSE(problems(base + "{service: kinesis, parallelism: 2}\n").empty());  // a Flink key on a stream
  CHECK_FALSE(problems(base + "{service: kinesis, mode: ondemand}\n").empty());
  CHECK_FALSE(problems(base + "{service: kinesys}\n").empty());
  CHECK_FALSE(problems("name: x\nduraton: 1h\n").empty());
}
