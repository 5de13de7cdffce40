#include "archsim/report/schema.hpp"

#include "archsim/models/builtin.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/scenario/loader.hpp"
#include "archsim/version.hpp"

namespace archsim::report {

namespace {

using model::ParamType;

// The JSON types a value of this parameter type is written as in YAML. Units
// make most of them strings ("250ms", "25%"); a bare number is accepted where
// the loader accepts one, and the loader checks the unit.
void write_types(JsonWriter& w, const model::ParamSpec& p) {
  if (!p.choices.empty()) {
    w.begin_array("enum");
    for (const auto& c : p.choices) w.value("", c);
    w.end_array();
    return;
  }
  std::vector<std::string> types;
  switch (p.type) {
    case ParamType::integer:
    case ParamType::capacity: types = {"integer", "string"}; break;
    case ParamType::number:
    case ParamType::fraction:
    case ParamType::duration:
    case ParamType::size:
    case ParamType::rate:
    case ParamType::bandwidth: types = {"string", "number"}; break;
    case ParamType::text:
    case ParamType::schedule: types = {"string"}; break;
    case ParamType::duration_dist:
    case ParamType::size_dist: types = {"string", "number", "object"}; break;
    default: types = {"object"};
  }
  w.begin_array("type");
  for (const auto& t : types) w.value("", t);
  w.end_array();
}

std::string description(const model::ParamSpec& p) {
  std::string out = p.help + " (" + model::describe(p.type);
  if (!p.default_text.empty()) out += "; default " + p.default_text;
  return out + ")";
}

// The parameters of a source or service as properties, nothing else allowed.
void write_params(JsonWriter& w, const std::vector<model::ParamSpec>& params, bool with_service) {
  w.begin_object("properties");
  if (with_service) w.begin_object("service").end_object();
  for (const auto& p : params) {
    w.begin_object(p.name).value("description", description(p));
    write_types(w, p);
    w.end_object();
    // A former name is still read: an editor marks it, and says what it is now.
    if (p.former_name.empty()) continue;
    w.begin_object(p.former_name).value("description", "former name of '" + p.name + "': " + description(p));
    w.value("deprecated", true);
    write_types(w, p);
    w.end_object();
  }
  w.end_object();
  w.value("additionalProperties", false);
  w.begin_array("required");
  for (const auto& p : params)
    if (p.required) w.value("", p.name);
  w.end_array();
}

void write_top_level(JsonWriter& w) {
  w.begin_object("properties");
  for (const auto& key : scenario::scenario_keys()) {
    w.begin_object(key);
    if (key == "name" || key == "description" || key == "challenge") {
      w.value("type", "string");
    } else if (key == "seed") {
      w.value("type", "integer").value("minimum", 0.0);
    } else if (key == "duration" || key == "warmup" || key == "metrics_interval") {
      w.begin_array("type").value("", "string").value("", "number").end_array();
      w.value("description", "a duration such as 30m, 24h or 7d");
    } else if (key == "region") {
      w.begin_array("enum");
      for (const auto& r : scenario::region_codes()) w.value("", r);
      w.end_array();
    } else if (key == "workload") {
      w.value("type", "object").value("description", "sources by name");
      w.begin_object("additionalProperties").value("$ref", "#/definitions/source").end_object();
    } else if (key == "components") {
      w.value("type", "object").value("description", "services by name");
      w.begin_object("additionalProperties").value("$ref", "#/definitions/component").end_object();
    } else if (key == "flows" || key == "faults") {
      w.value("type", "array");
    } else if (key == "requirements") {
      w.value("type", "object").value("additionalProperties", false).begin_object("properties");
      for (const auto& r : scenario::requirement_names()) w.begin_object(r).end_object();
      w.end_object();
    } else {
      w.begin_array("type").value("", "object").value("", "null").end_array();  // estimates (empty: to fill), story
    }
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::string scenario_schema() {
  JsonWriter w;
  w.begin_object();
  w.value("$schema", "http://json-schema.org/draft-07/schema#");
  w.value("title", std::string("archsim scenario (archsim ") + kVersion + ")");
  w.value("description", "Written by archsim schema from the model specs; docs/scenario-format.md");
  w.value("type", "object");
  w.begin_array("required");
  for (const char* key : {"name", "duration", "workload", "components", "flows"}) w.value("", key);
  w.end_array();
  w.value("additionalProperties", false);
  write_top_level(w);
  w.begin_object("definitions");
  w.begin_object("source").value("type", "object");
  write_params(w, models::source_spec().params, false);
  w.end_object();
  // A component: its service, then that service's keys and nothing else.
  w.begin_object("component").value("type", "object");
  w.begin_array("required").value("", "service").end_array();
  w.begin_object("properties").begin_object("service").begin_array("enum");
  for (const auto& m : models::builtin_models()) w.value("", m.service);
  w.end_array().end_object().end_object();
  w.begin_array("allOf");
  for (const auto& m : models::builtin_models()) {
    w.begin_object();
    w.begin_object("if").begin_object("properties").begin_object("service").value("const", m.service).end_object();
    w.end_object().end_object();
    w.begin_object("then").value("description", m.summary);
    write_params(w, m.params, true);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_object();
  w.end_object();
  return w.str();
}

}  // namespace archsim::report
