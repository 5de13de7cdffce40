#include "archsim/scenario/examples.hpp"

#include <algorithm>

namespace archsim::scenario {

namespace {

using model::ParamType;

// A value a required key of this type takes, for an example.
std::string example_value(const model::ParamSpec& p) {
  if (!p.choices.empty()) return p.choices.front();
  switch (p.type) {
    case ParamType::integer:
    case ParamType::capacity: return p.min > 1 ? std::to_string(static_cast<long>(p.min)) : "1";
    case ParamType::number: return "1";
    case ParamType::fraction: return "50%";
    case ParamType::duration:
    case ParamType::duration_dist: return "10ms";
    case ParamType::size:
    case ParamType::size_dist: return "1KB";
    case ParamType::rate: return "100/s";
    case ParamType::bandwidth: return "10MB/s";
    case ParamType::key_space: return "{count: 1000}";
    case ParamType::profile: return "{kind: constant}";
    case ParamType::scan: return "{data: 100GB, format: parquet}";
    case ParamType::schedule: return "every 1h";
    default: return "example";
  }
}

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  return text;
}

// A line and its comment, the comment going on under itself (each
// continuation a comment at the same column) past kColumns, so that the file
// reads in a terminal and in a review without scrolling sideways.
constexpr std::size_t kColumns = 100;
std::string commented(const std::string& line, const std::string& comment) {
  const std::string lead = line + "# ";
  const std::string under = std::string(line.size(), ' ') + "# ";
  std::string out = lead, word;
  std::size_t column = lead.size();
  bool first = true;
  for (std::size_t i = 0; i <= comment.size(); ++i) {
    if (i < comment.size() && comment[i] != ' ') {
      word += comment[i];
      continue;
    }
    if (word.empty()) continue;
    if (!first && column + 1 + word.size() > kColumns) {
      out += "\n" + under;
      column = under.size();
      first = true;
    }
    if (!first) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
    word.clear();
  }
  return out + "\n";
}

}  // namespace

std::string component_keys(const model::ModelSpec& spec, const std::string& indent) {
  std::string out;
  for (const auto& p : spec.params) {
    if (p.type == ParamType::named_sets) continue;  // nested parts: see the model's page
    std::string line = p.required ? p.name + ": " + example_value(p)
                                  : "# " + p.name + ": " + (p.default_text.empty() ? "(absent)" : p.default_text);
    line.resize(std::max<std::size_t>(line.size(), 34), ' ');
    out += commented(indent + line + "  ", one_line(p.help));
  }
  return out;
}

std::string service_alone(const model::ModelSpec& spec) {
  const bool queries = spec.input == model::Input::queries;
  std::string out = commented("", spec.service + " alone: " + one_line(spec.summary));
  out += "# Its keys are below: required ones with an example value, the rest commented\n";
  out += "# out at their defaults (archsim models " + spec.service + "; docs/models/" + spec.service + ".md).\n";
  out += "name: \"" + spec.service + " alone\"\nseed: 1\nduration: 1h\nwarmup: 5m\n\nworkload:\n";
  out += queries ? "  dashboards:\n    kind: queries\n    rate: 200/h\n    scan: {data: 500GB, format: parquet, compression: snappy}\n"
                 : "  events:\n    rate: 1000/s\n    record_size: 1KB\n    batch: 1s\n";
  out += "\ncomponents:\n  " + spec.service + "_1:\n    service: " + spec.service + "\n";
  out += component_keys(spec, "    ");
  if (!queries) out += "  out:\n    service: sink\n";
  out += "\nflows:\n";
  out += queries ? "  - dashboards -> " + spec.service + "_1\n" : "  - events -> " + spec.service + "_1 -> out\n";
  out += "\nrequirements:\n  max_dropped: 0\n";
  return out;
}

}  // namespace archsim::scenario
