#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/estimates.hpp"
#include "archsim/scenario/offers.hpp"
#include "archsim/scenario/text.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <map>
#include <set>
#include <regex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/param_reader.hpp"
#include "archsim/scenario/topology.hpp"
#include "arrows.hpp"
#include "faults_reader.hpp"
#include "requirements_reader.hpp"
#include "archsim/scenario/scale.hpp"

namespace archsim::scenario {

using model::ParamSpec;
using model::ParamType;

namespace {
const std::vector<std::string>& top_level_keys();
const std::vector<std::string>& regions();
}  // namespace

const std::vector<std::string>& scenario_keys() { return top_level_keys(); }
const std::vector<std::string>& region_codes() { return regions(); }

namespace {

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"name",   "description", "seed",  "duration",   "warmup",
                                                "region", "metrics_interval", "workload", "components", "flows",
                                                "requirements", "faults", "challenge", "estimates", "story"};
  return keys;
}

const std::vector<std::string>& regions() {
  static const std::vector<std::string> r = {
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",    "ca-central-1", "sa-east-1",
      "eu-west-1",      "eu-west-2",      "eu-west-3",      "eu-central-1", "eu-central-2", "eu-north-1",
      "eu-south-1",     "eu-south-2",     "ap-south-1",     "ap-south-2",   "ap-east-1",    "ap-northeast-1",
      "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
      "ap-southeast-4", "me-south-1",     "me-central-1",   "af-south-1",   "il-central-1"};
  return r;
}

bool valid_name(const std::string& name) {
  static const std::regex pattern("[a-z][a-z0-9_]*");
  return std::regex_match(name, pattern);
}

std::vector<std::string> service_names() {
  std::vector<std::string> out;
  for (const auto& m : models::builtin_models()) out.push_back(m.service);
  return out;
}

// The services whose models take a writer's two-phase commit (ModelSpec::copies.transactional).
std::string transactional_services() {
  std::vector<std::string> out;
  for (const auto& m : models::builtin_models())
    if (m.copies.transactional) out.push_back(m.service);
  return join_or(out);
}

std::string list(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// A share such as 0.9 as "90%", 1/3 as "33.33%".
std::string percent(double fraction) {
  std::ostringstream out;
  out << std::round(fraction * 1e4) / 100 << "%";
  return out.str();
}

struct Declared {
  std::string name;
  SourceLoc loc;
};

class Builder {
 public:
  Builder(const YamlNode& root, const std::string& file, Diagnostics& diags) : root_(root), diags_(diags) {
    s_.file = file;
  }

  std::optional<Scenario> build() {
    if (!root_.is_map()) {
      diags_.error(root_.loc, root_.is_null()
                                  ? "the scenario is empty; it needs at least 'name', 'duration', 'workload', "
                                    "'components' and 'flows'"
                                  : "the scenario must be a mapping of keys such as 'name', 'duration', 'workload', "
                                    "'components' and 'flows', not " + root_.describe());
      return std::nullopt;
    }
    // A design challenge (docs/challenges.md) is not a scenario: it holds one.
    if (root_.find("prompt") && root_.find("scenario") && !root_.find("workload")) {
      diags_.error(root_.loc, "this is a design challenge, not a scenario; write its starter with 'archsim challenge "
                              "start NAME' (NAME: the file's name without .yaml) and run that");
      return std::nullopt;
    }
    check_keys(root_, top_level_keys(), "the scenario", diags_);
    read_header();
    const bool sources_ok = read_sources();
    const bool components_ok = read_components();
    names_complete_ = sources_ok && components_ok;
    const std::size_t before_flows = diags_.size();
    read_flows();
    const bool flows_ok = diags_.size() == before_flows;
    read_requirements(flows_ok);
    read_faults_section();
    // A model's checks read its parameters, and those across a flow read its
    // neighbours': only over parameters that were all read (an invalid one is
    // reported already, and absent from its set).
    const bool params_ok = components_ok && sources_ok && unread_params_.empty();
    // The graph checks need every name and every flow, not valid parameters:
    // they run despite other problems so that all are reported at once, but
    // not on a graph that is missing pieces, where they would only echo those.
    if (names_complete_ && flows_ok) check_topology();
    // What a component takes from upstream (a Lambda function reading an MSK
    // topic reads Kafka) is in its parameters before its model checks them.
    if (names_complete_ && flows_ok && params_ok) link_stream_consumers();
    if (components_ok)
      for (const ComponentDecl& c : s_.components)
        if (!unread_params_.count(c.name)) check_model(c);
    if (params_ok) check_shared();
    if (names_complete_ && flows_ok && params_ok && sources_ok) check_query_flows();
    if (names_complete_ && flows_ok && params_ok && sources_ok) check_read_flows();
    // What the run will count and cost in events, once the design holds together.
    if (diags_.empty()) check_scale(s_, diags_);
    // Estimates name components, parameters and paths: read against the rest once it holds.
    if (const YamlNode* n = root_.find("estimates"); n && !n->is_null() && diags_.empty())
      s_.estimates = read_estimates(*n, s_, diags_);
    if (!diags_.empty()) return std::nullopt;
    return std::move(s_);
  }

 private:
  // A top-level key the format requires; reported at the top of the document.
  const YamlNode* required(const std::string& key, const std::string& hint) {
    const YamlNode* n = root_.find(key);
    if (!n && !misspelt(root_, key, top_level_keys()))
      diags_.error(root_.loc, "the scenario needs '" + key + "' (" + hint + ")");
    return n;
  }

  std::optional<double> value(const YamlNode* node, ParamSpec spec, const std::string& what) {
    if (!node) return std::nullopt;
    auto v = read_param(*node, spec, what, diags_);
    if (!v) return std::nullopt;
    return v->number;
  }

  void read_header() {
    const std::string what = "the scenario";
    if (const YamlNode* n = required("name", "a title shown in reports")) {
      if (n->is_scalar() && !n->scalar.empty()) s_.name = printable(n->scalar, false);
      else diags_.error(n->loc, "'name' must be text, not " + n->describe());
    }
    if (const YamlNode* n = root_.find("description")) {
      if (n->is_scalar()) s_.description = printable(n->scalar, true);
      else diags_.error(n->loc, "'description' must be text, not " + n->describe());
    }
    if (const YamlNode* n = root_.find("story")) read_story(*n);
    if (const YamlNode* n = root_.find("challenge")) {
      if (n->is_scalar() && !n->scalar.empty()) s_.challenge = n->scalar;
      else diags_.error(n->loc, "'challenge' names a design challenge (archsim challenge list), not " + n->describe());
      s_.challenge_loc = n->loc;
    }
    if (auto v = value(root_.find("seed"), {.name = "seed", .type = ParamType::integer, .min = 0, .max = 9.007e15}, what))
      s_.seed = static_cast<std::uint64_t>(*v);
    auto duration = value(required("duration", "simulated time such as 1h"),
                          {.name = "duration", .type = ParamType::duration, .min = 0, .min_exclusive = true,
                           .max = kMaxTimeNs},
                          what);
    if (duration) s_.duration = static_cast<SimTime>(*duration);
    if (const YamlNode* n = root_.find("duration")) s_.duration_loc = n->loc;
    read_warmup(duration.has_value());
    read_metrics_interval(duration.has_value());
    read_region();
  }

  // story: {prompt, look_at, questions}: what a teacher reads out, points
  // at, and asks (docs/teaching/README.md).
  void read_story(const YamlNode& n) {
    static const std::vector<std::string> keys = {"prompt", "look_at", "questions"};
    if (!n.is_map()) {
      diags_.error(n.loc, "'story' is a mapping of " + join_or(keys) + ", not " + n.describe());
      return;
    }
    check_keys(n, keys, "story", diags_);
    if (const YamlNode* p = n.find("prompt")) {
      if (p->is_scalar()) s_.story.prompt = printable(p->scalar, true);
      else diags_.error(p->loc, "'story.prompt' is a text, not " + p->describe());
    }
    if (const YamlNode* l = n.find("look_at")) {
      if (l->is_scalar()) s_.story.look_at.push_back(printable(l->scalar, true));
      else if (!l->is_seq()) diags_.error(l->loc, "'story.look_at' is a text or a list of texts, not " + l->describe());
      for (const YamlNode& item : l->items) {
        if (item.is_scalar()) s_.story.look_at.push_back(printable(item.scalar, true));
        else diags_.error(item.loc, "each of 'story.look_at' is a text, not " + item.describe());
      }
    }
    const YamlNode* q = n.find("questions");
    if (!q) return;
    if (!q->is_seq()) {
      diags_.error(q->loc, "'story.questions' is a list, each a question or {ask, answer}, not " + q->describe());
      return;
    }
    for (const YamlNode& item : q->items) {
      if (item.is_scalar()) {
        s_.story.questions.push_back({printable(item.scalar, true), {}});
        continue;
      }
      const YamlNode* ask = item.is_map() ? item.find("ask") : nullptr;
      if (!ask || !ask->is_scalar()) {
        diags_.error(item.loc, "a story question is a text, or {ask: ..., answer: ...} with 'ask' a text");
        continue;
      }
      check_keys(item, {"ask", "answer"}, "a story question", diags_);
      const YamlNode* answer = item.find("answer");
      if (answer && !answer->is_scalar()) diags_.error(answer->loc, "'answer' is a text, not " + answer->describe());
      s_.story.questions.push_back(
          {printable(ask->scalar, true), answer && answer->is_scalar() ? printable(answer->scalar, true) : std::string()});
    }
  }

  void read_warmup(bool have_duration) {
    const YamlNode* node = root_.find("warmup");
    auto v = value(node, {.name = "warmup", .type = ParamType::duration, .min = 0, .max = kMaxTimeNs}, "the scenario");
    if (!v) return;
    s_.warmup = static_cast<SimTime>(*v);
    if (have_duration && s_.warmup >= s_.duration)
      diags_.error(node->loc, "'warmup' must be shorter than 'duration', or no statistics remain");
  }

  void read_metrics_interval(bool have_duration) {
    const YamlNode* node = root_.find("metrics_interval");
    auto v = value(node, {.name = "metrics_interval", .type = ParamType::duration, .min = 1e6, .max = kMaxTimeNs},
                   "the scenario");
    if (!v) return;
    s_.metrics_interval = static_cast<SimTime>(*v);
    if (have_duration && s_.duration / s_.metrics_interval > 100000)
      diags_.error(node->loc, "'metrics_interval' makes more than 100,000 intervals; choose a longer one");
  }

  void read_region() {
    const YamlNode* n = root_.find("region");
    if (!n) return;
    if (n->is_scalar() && std::find(regions().begin(), regions().end(), n->scalar) != regions().end()) {
      s_.region = n->scalar;
      return;
    }
    diags_.error(n->loc, "unknown region " + n->describe() +
                             (n->is_scalar() ? did_you_mean(n->scalar, regions()) : std::string{}) +
                             " (an AWS region code such as us-east-1)");
  }

  // Records a source or component name. A badly formed name is reported but
  // still declared, so that flows naming it do not add a second message.
  bool declare(const YamlNode& key, const std::string& kind, std::vector<Declared>& declared) {
    if (const auto it = names_.find(key.scalar); it != names_.end()) {
      diags_.error(key.loc, "the name '" + key.scalar + "' is already used at line " +
                                std::to_string(it->second.line) + "; sources and components share one set of names");
      return false;
    }
    names_.emplace(key.scalar, key.loc);
    if (&declared == &sources_) source_names_.insert(key.scalar);
    declared.push_back({key.scalar, key.loc});
    if (valid_name(key.scalar)) return true;
    diags_.error(key.loc, "the " + kind + " name '" + key.scalar +
                              "' must start with a lowercase letter and hold only lowercase letters, digits and '_'");
    return false;
  }

  const YamlNode* section(const std::string& key, const std::string& hint) {
    const YamlNode* n = required(key, hint);
    if (n && !n->is_map()) {
      diags_.error(n->loc, "'" + key + "' must be a mapping of names to " + hint + ", not " + n->describe());
      return nullptr;
    }
    return n;
  }

  // Whether the section is there to declare names, whatever its contents.
  bool read_sources() {
    const YamlNode* workload = section("workload", "sources, e.g. orders: {rate: 200/s}");
    if (!workload) return false;
    if (workload->keys.empty())
      diags_.error(workload->loc, "'workload' has no sources; add one such as orders: {rate: 200/s}");
    for (std::size_t i = 0; i < workload->keys.size(); ++i)
      if (declare(workload->keys[i], "source", sources_)) read_source(workload->keys[i], workload->items[i]);
    return true;
  }

  void read_source(const YamlNode& key, const YamlNode& body) {
    const std::string what = "source '" + key.scalar + "'";
    if (!body.is_map()) {
      diags_.error(body.loc, what + " must be a mapping of keys such as rate, producers, record_size, not " +
                                 body.describe());
      return;
    }
    const std::size_t before = diags_.size();
    s_.sources.push_back({key.scalar, key.loc, read_params(body, models::source_spec().params, what, diags_)});
    if (diags_.size() != before) unread_params_.insert(key.scalar), s_.sources.back().params_read = false;
    check_source_kind(body, what);
  }

  // A query is one request with a scan; a record has a size. Each kind has
  // its own keys, and the other's are a mistake worth naming.
  void check_source_kind(const YamlNode& body, const std::string& what) {
    const YamlNode* kind = body.find("kind");
    const bool queries = kind && kind->is_scalar() && kind->scalar == "queries";
    const bool reads = kind && kind->is_scalar() && kind->scalar == "reads";
    if (const YamlNode* consistency = body.find("consistency"); consistency && !reads)
      diags_.error(consistency->loc, what + " has 'consistency', which only a source of 'kind: reads' takes; add "
                                            "'kind: reads' or remove 'consistency'");
    if (!queries) {
      if (const YamlNode* scan = body.find("scan"))
        diags_.error(scan->loc, what + " has 'scan', which only a source of 'kind: queries' takes; add 'kind: "
                                       "queries' or remove 'scan'");
      return;
    }
    if (!body.find("scan"))
      diags_.error(kind->loc, what + " is a source of queries and needs 'scan:' saying what one query reads, e.g. "
                                     "scan: {data: 2TB, selectivity: 0.05, format: parquet, compression: snappy}");
    for (const char* key : {"record_size", "batch", "keys"})
      if (const YamlNode* n = body.find(key))
        diags_.error(n->loc, what + " is a source of queries, which take no '" + std::string(key) +
                                 "': a query's size is the table it reads ('scan: {data: ...}') and queries arrive "
                                 "one at a time");
  }

  // Each component's model by name, and the sources of queries: looked up
  // once per flow, so built once rather than searched each time.
  std::unordered_map<std::string, const model::ModelSpec*> models_by_name() const {
    std::unordered_map<std::string, const model::ModelSpec*> out;
    for (const ComponentDecl& c : s_.components) out.emplace(c.name, c.model);
    return out;
  }
  static const model::ModelSpec* model_in(const std::unordered_map<std::string, const model::ModelSpec*>& models,
                                          const std::string& name) {
    const auto it = models.find(name);
    return it == models.end() ? nullptr : it->second;
  }

  // Queries go from their source straight to a query engine (Athena,
  // Redshift); records never reach an engine that only answers queries.
  void check_query_flows() {
    const auto models = models_by_name();
    std::unordered_set<std::string> query_sources;
    for (const SourceDecl& src : s_.sources)
      if (sends_queries(src)) query_sources.insert(src.name);
    for (const FlowDecl& f : s_.flows) {
      const model::ModelSpec* to = model_in(models, f.to);
      if (!to) continue;
      const bool queries = query_sources.count(f.from) > 0;
      if (queries && to->input == model::Input::records)
        diags_.error(f.loc, "source '" + f.from + "' sends queries, but " + to->service + " component '" + f.to +
                                "' takes records; flow queries into an athena or redshift component");
      else if (!queries && to->input == model::Input::queries)
        diags_.error(f.loc, to->service + " component '" + f.to + "' answers queries, but '" + f.from +
                                "' sends records; flow a source of 'kind: queries' into it");
    }
  }

  // A read ends at a store that serves it: a source of reads must reach one,
  // or its reads would be records that nothing answers.
  void check_read_flows() {
    std::vector<std::string> serving;
    for (const auto& m : models::builtin_models())
      if (m.serves_reads) serving.push_back(m.service);
    const auto models = models_by_name();
    std::unordered_multimap<std::string, const std::string*> flows_from;
    for (const FlowDecl& f : s_.flows) flows_from.emplace(f.from, &f.to);
    for (std::size_t i = 0; i < s_.sources.size(); ++i) {
      if (!sends_reads(s_.sources[i])) continue;
      std::vector<std::string> stack{s_.sources[i].name};
      std::unordered_set<std::string> seen;
      bool served = false;
      while (!stack.empty() && !served) {
        const std::string at = stack.back();
        stack.pop_back();
        for (auto [it, end] = flows_from.equal_range(at); it != end; ++it) {
          const std::string& to_name = *it->second;
          if (!seen.insert(to_name).second) continue;
          stack.push_back(to_name);
          const model::ModelSpec* to = model_in(models, to_name);
          served = served || (to && to->serves_reads);
        }
      }
      if (served) continue;
      const model::ParamValue& kind = s_.sources[i].params.at("kind");
      diags_.error(kind.loc, "source '" + s_.sources[i].name + "' sends reads, but no component it reaches serves "
                                 "them; flow it into a table (services that serve reads: " + list(serving) + ")");
    }
  }

  bool read_components() {
    const YamlNode* components = section("components", "services, e.g. queue: {service: server, service_time: 1s}");
    if (!components) return false;
    if (components->keys.empty())
      diags_.error(components->loc, "'components' is empty; add one such as queue: {service: server, service_time: 1s}");
    for (std::size_t i = 0; i < components->keys.size(); ++i)
      if (declare(components->keys[i], "component", components_))
        read_component(components->keys[i], components->items[i]);
    return true;
  }

  void read_component(const YamlNode& key, const YamlNode& body) {
    if (!body.is_map()) {
      diags_.error(body.loc, "component '" + key.scalar + "' must be a mapping with 'service:' and its keys, not " +
                                 body.describe());
      return;
    }
    const YamlNode* service = body.find("service");
    if (!service) {
      diags_.error(body.loc, "component '" + key.scalar + "' needs 'service:' (one of " + list(service_names()) + ")");
      return;
    }
    const model::ModelSpec* spec = service->is_scalar() ? models::find_model(service->scalar) : nullptr;
    if (!spec) {
      diags_.error(service->loc, "unknown service " + service->describe() + " for component '" + key.scalar + "'" +
                                     (service->is_scalar() ? did_you_mean(service->scalar, service_names()) : "") +
                                     " (modelled: " + list(service_names()) + ")");
      return;
    }
    const std::string what = spec->service + " component '" + key.scalar + "'";
    const std::size_t before = diags_.size();
    s_.components.push_back(
        {key.scalar, spec->service, spec, key.loc, read_params(body, spec->params, what, diags_, {"service"})});
    if (diags_.size() != before) unread_params_.insert(key.scalar), s_.components.back().params_read = false;
  }

  std::vector<std::string> all_names() const {
    std::vector<std::string> out;
    for (const auto& [name, loc] : names_) out.push_back(name);
    return out;
  }

  bool is_source(const std::string& name) const { return source_names_.count(name) > 0; }

  bool resolve(const std::string& name, const SourceLoc& loc) {
    if (names_.count(name)) return true;
    // With 'workload' or 'components' missing, every flow would name nothing;
    // the missing section is the one problem to report.
    if (!names_complete_) return false;
    diags_.error(loc, "flow names '" + name + "', which is neither a source nor a component" +
                          did_you_mean(name, all_names()));
    return false;
  }

  // Adds one edge between two names already resolved.
  void add_flow(const std::string& from, const std::string& to, std::optional<double> share, const SourceLoc& to_loc,
                const SourceLoc& loc) {
    if (from == to) {
      diags_.error(to_loc, "flow from '" + from + "' to itself; records must flow one way");
      return;
    }
    if (is_source(to)) {
      diags_.error(to_loc, "a flow cannot lead into source '" + to + "'; sources only send records");
      return;
    }
    if (const auto it = flow_lines_.find({from, to}); it != flow_lines_.end()) {
      diags_.error(loc, "the flow " + from + " -> " + to + " is already given at line " + std::to_string(it->second));
      return;
    }
    flow_lines_.emplace(std::make_pair(from, to), loc.line);
    s_.flows.push_back({from, to, share, loc});
  }

  // "a -> b -> c": positions of each name are kept for messages.
  void read_chain(const YamlNode& item) {
    const std::string& text = item.scalar;
    const auto names = split_arrows(item);
    if (names.size() < 2) {
      diags_.error(item.loc, "the flow '" + text + "' names no edge; write a chain such as 'source -> component' or "
                             "{from: a, to: b}");
      return;
    }
    for (const auto& [name, at] : names)
      if (name.empty()) {
        diags_.error(at, "the flow '" + text + "' has an empty name between arrows");
        return;
      }
    // Each name once: a wrong name in the middle of a chain is one mistake.
    bool resolved = true;
    for (const auto& [name, at] : names) resolved = resolve(name, at) && resolved;
    if (!resolved) return;
    for (std::size_t i = 0; i + 1 < names.size(); ++i)
      add_flow(names[i].first, names[i + 1].first, std::nullopt, names[i + 1].second, names[i].second);
  }

  // `from` or `to` of a flow mapping; reports it missing or not a name.
  const YamlNode* edge_end(const YamlNode& item, const std::string& key, const std::vector<std::string>& allowed) {
    const YamlNode* n = item.find(key);
    if (!n) {
      if (!misspelt(item, key, allowed))
        diags_.error(item.loc, "a flow given as a mapping needs '" + key + "', naming a source or component");
      return nullptr;
    }
    if (!n->is_scalar()) {
      diags_.error(n->loc, "'" + key + "' of a flow must name a source or component, not " + n->describe());
      return nullptr;
    }
    return n;
  }

  void read_edge(const YamlNode& item) {
    const std::vector<std::string> allowed = {"from", "to", "share"};
    check_keys(item, allowed, "a flow", diags_);
    const YamlNode* from = edge_end(item, "from", allowed);
    const YamlNode* to = edge_end(item, "to", allowed);
    const bool from_ok = from && resolve(from->scalar, from->loc);
    const bool to_ok = to && resolve(to->scalar, to->loc);
    const YamlNode* share_node = item.find("share");
    std::optional<double> share;
    if (share_node)
      share = value(share_node, {.name = "share", .type = ParamType::fraction, .min = 0, .min_exclusive = true, .max = 1},
                    from && to ? "the flow " + from->scalar + " -> " + to->scalar : std::string("a flow"));
    if (from_ok && to_ok && (share || !share_node)) add_flow(from->scalar, to->scalar, share, to->loc, item.loc);
  }

  void read_flows() {
    const YamlNode* flows = required("flows", "edges such as 'source -> component'");
    if (!flows) return;
    if (!flows->is_seq()) {
      diags_.error(flows->loc, "'flows' must be a list of chains such as '- source -> component', not " +
                                   flows->describe());
      return;
    }
    if (flows->items.empty()) diags_.error(flows->loc, "'flows' is empty; connect the sources to the components");
    for (const YamlNode& item : flows->items) {
      if (item.is_scalar()) read_chain(item);
      else if (item.is_map()) read_edge(item);
      else diags_.error(item.loc, "a flow must be a chain such as 'a -> b' or a mapping {from: a, to: b, share: 30%}, "
                                  "not " + item.describe());
    }
  }

  void read_requirements(bool flows_ok) {
    const YamlNode* section = root_.find("requirements");
    if (!section) return;
    const Scenario declared = shape();
    s_.requirements =
        scenario::read_requirements(*section, {declared, s_.components, names_complete_ && flows_ok}, diags_);
  }

  void read_faults_section() {
    // Targets are checked against the names only once both sections declared them.
    const YamlNode* section = root_.find("faults");
    if (section && names_complete_) s_.faults = read_faults(*section, s_, diags_);
    if (section && !section->is_null()) return;
    for (const Requirement& q : s_.requirements)
      if (q.name == "recover_within")
        diags_.error(q.loc, "'recover_within' judges how fast the design recovers from a fault, and the scenario "
                            "drills none; add one under 'faults:' or with --fault, such as --fault '{target: NAME, "
                            "kind: stopped, at: \"14:00\", for: 10m}'");
  }

  // The design as declared: every source and component, valid or not, and
  // the flows between them.
  Scenario shape() const {
    Scenario out;
    for (const auto& d : sources_) out.sources.push_back({d.name, d.loc, {}});
    for (const auto& d : components_) out.components.push_back({d.name, {}, nullptr, d.loc, {}});
    out.flows = s_.flows;
    return out;
  }

  // Checks across a component's parameters that its model declares (a
  // Redshift cluster's node count within its node type's range, say).
  void check_model(const ComponentDecl& c) {
    if (!c.model || !c.model->check) return;
    const std::string what = c.service + " component '" + c.name + "'";
    for (const model::ParamProblem& p : c.model->check(c.params, builtin_catalog(), what))
      diags_.error(located(c.params, p.key, c.loc), p.message);
  }

  // Checks a model declares across all its components: once per model, over
  // its components in file order.
  void check_shared() {
    std::vector<const model::ModelSpec*> models;
    for (const ComponentDecl& c : s_.components)
      if (c.model && c.model->check_shared && std::find(models.begin(), models.end(), c.model) == models.end())
        models.push_back(c.model);
    for (const model::ModelSpec* m : models) {
      std::vector<const ComponentDecl*> decls;
      std::vector<const model::ParamSet*> params;
      std::vector<std::string> what;
      for (const ComponentDecl& c : s_.components) {
        if (c.model != m) continue;
        decls.push_back(&c);
        params.push_back(&c.params);
        what.push_back(c.service + " component '" + c.name + "'");
      }
      for (const model::SharedProblem& p : m->check_shared(params, builtin_catalog(), what)) {
        const ComponentDecl& c = *decls[p.component];
        diags_.error(located(c.params, p.problem.key, c.loc), p.problem.message);
      }
    }
  }

  // Where a parameter was written: a dotted key ("gsis.by_day.wcu") reaches
  // into nested ones; a key not stated is the component's own place.
  static SourceLoc located(const model::ParamSet& params, const std::string& key, const SourceLoc& otherwise) {
    const auto dot = key.find('.');
    const std::string head = key.substr(0, dot);
    if (!params.has(head)) return otherwise;
    const model::ParamValue& v = params.at(head);
    if (dot == std::string::npos || !v.fields) return v.loc;
    return located(*v.fields, key.substr(dot + 1), v.loc);
  }

  // A model that takes a parameter from the component upstream of it (a
  // Lambda function has one group per shard of the stream it reads) gets the
  // value that component offers unless it states its own, and a stated one
  // that differs is an error: a model cannot see its neighbours.
  void link_stream_consumers() {
    for (const OfferMismatch& m : take_offers(s_)) {
      const ComponentDecl& consumer = s_.components[m.consumer];
      const ComponentDecl& from = s_.components[m.from];
      const model::ParamValue& stated = consumer.params.at(m.key);
      const bool word = stated.type == model::ParamType::choice;
      const std::string said = word ? stated.text : format_param_value(stated.number, stated.type);
      const std::string offered = word ? m.offered.text : format_param_value(m.offered.number, stated.type);
      diags_.error(stated.loc, "'" + m.key + "' " + said + " in " + consumer.service + " component '" + consumer.name +
                                   "' does not match the " + offered + " " + m.key + " of " + from.service + " '" +
                                   from.name + "' upstream of it; remove '" + m.key + "' here to take that value");
    }
  }

  void check_topology() {
    const Topology topo(shape());
    check_cycle(topo);
    for (std::size_t v = 0; v < topo.size(); ++v) check_shares(topo, v);
    check_reachable(topo);
    check_commits(topo);
  }

  // A component that commits its output at checkpoints (exactly once) writes
  // only to components that take a two-phase commit.
  // (Looked up by name: a component whose declaration failed is not in s_.components.)
  void check_commits(const Topology& topo) {
    std::unordered_map<std::string, const ComponentDecl*> by_name;
    for (const ComponentDecl& c : s_.components) by_name.emplace(c.name, &c);
    const auto declared = [&](const std::string& name) -> const ComponentDecl* {
      const auto it = by_name.find(name);
      return it == by_name.end() ? nullptr : it->second;
    };
    for (std::size_t v = topo.source_count(); v < topo.size(); ++v) {
      const ComponentDecl* from = declared(topo.name(v));
      if (!from || unread_params_.count(from->name) || !from->model || !from->model->commits_at_checkpoints ||
          !from->model->commits_at_checkpoints(from->params))
        continue;
      const ComponentDecl& c = *from;
      for (const auto& e : topo.out_edges(v)) {
        const ComponentDecl* target = declared(topo.name(e.to));
        if (!target || !target->model || target->model->copies.transactional) continue;
        const ComponentDecl& to = *target;
        diags_.error(s_.flows[e.flow].loc,
                     c.service + " component '" + c.name + "' delivers exactly once, committing its output at each "
                     "checkpoint, and " + to.service + " component '" + to.name + "' takes no two-phase commit "
                     "(of the services modelled, only " + transactional_services() + " take one); deliver "
                     "'at_least_once' to it" +
                     (to.model->copies.idempotent ? " (its idempotent writes make a copy harmless: " + to.model->copies.words + ")" : ""));
      }
    }
  }

  void check_cycle(const Topology& topo) {
    const auto cycle = topo.find_cycle();
    if (!cycle) return;
    std::string path = topo.name(cycle->front().from);
    for (const auto& e : *cycle) path += " -> " + topo.name(e.to);
    diags_.error(s_.flows[cycle->back().flow].loc,
                 "the flows form a cycle: " + path + "; records must flow one way (remove one of these flows)");
  }

  // Flows out of one vertex either all copy or all split, and splits cover every record.
  void check_shares(const Topology& topo, std::size_t v) {
    const auto out = topo.out_edges(v);
    const auto shared = std::count_if(out.begin(), out.end(), [](const auto& e) { return e.share.has_value(); });
    if (shared == 0) return;
    const std::string& name = topo.name(v);
    if (shared != static_cast<long>(out.size())) {
      const auto copy = std::find_if(out.begin(), out.end(), [](const auto& e) { return !e.share; });
      diags_.error(s_.flows[copy->flow].loc, "flows out of '" + name + "' mix shares and copies; give every flow out of '" +
                                                 name + "' a share, or none");
      return;
    }
    double sum = 0;
    for (const auto& e : out) sum += *e.share;
    if (std::abs(sum - 1) > 1e-9)
      diags_.error(s_.flows[out.front().flow].loc, "shares out of '" + name + "' add up to " + percent(sum) +
                                                       ", not 100%; shares split records, so they must cover all of them");
  }

  void check_reachable(const Topology& topo) {
    // With no source at all nothing is reachable; 'workload' being empty is the one problem.
    if (sources_.empty()) return;
    const auto reachable = topo.reachable_from_sources();
    for (std::size_t v = 0; v < topo.size(); ++v) {
      if (topo.is_source(v) && topo.out_edges(v).empty())
        diags_.error(sources_[v].loc, "source '" + topo.name(v) + "' has no flow; add one such as '" + topo.name(v) +
                                          " -> " + (components_.empty() ? "component" : components_.front().name) +
                                          "'");
      if (!topo.is_source(v) && !reachable[v])
        diags_.error(components_[v - topo.source_count()].loc,
                     "component '" + topo.name(v) + "' receives no records: no flow from any source reaches it");
    }
  }

  const YamlNode& root_;
  Diagnostics& diags_;
  Scenario s_;
  std::map<std::string, SourceLoc> names_;  // every declared name, with where it was declared
  std::set<std::string> unread_params_;     // sources and components with a parameter in error
  std::unordered_set<std::string> source_names_;
  std::map<std::pair<std::string, std::string>, int> flow_lines_;  // each flow given, with its line
  std::vector<Declared> sources_;           // in the order of the file
  std::vector<Declared> components_;
  bool names_complete_ = false;  // both 'workload' and 'components' are there to declare names
};

// Parses, applies the overrides, then checks. An override that cannot be
// applied stops there: checking the document without it would report on a
// design the user did not ask for.
LoadResult load(std::optional<YamlNode> root, const std::string& file, const std::vector<std::string>& overrides,
                const std::vector<std::string>& faults, LoadResult result) {
  if (!root) return result;
  const std::size_t parse_problems = result.diagnostics.size();
  for (std::size_t i = 0; i < overrides.size(); ++i)
    apply_override(*root, overrides[i], static_cast<int>(i) + 1, result.diagnostics);
  for (std::size_t i = 0; i < faults.size(); ++i) add_fault(*root, faults[i], static_cast<int>(i) + 1, result.diagnostics);
  if (result.diagnostics.size() != parse_problems) return result;
  result.scenario = build_scenario(*root, file, result.diagnostics);
  return result;
}

}  // namespace

std::optional<Scenario> build_scenario(const YamlNode& root, const std::string& file, Diagnostics& diags) {
  return Builder(root, file, diags).build();
}

LoadResult load_scenario_text(const std::string& text, const std::string& file,
                              const std::vector<std::string>& overrides, const std::vector<std::string>& faults) {
  LoadResult result;
  auto root = parse_yaml(text, file, result.diagnostics);
  return load(std::move(root), file, overrides, faults, std::move(result));
}

LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides,
                         const std::vector<std::string>& faults) {
  LoadResult result;
  auto root = load_yaml_file(path, result.diagnostics);
  return load(std::move(root), path, overrides, faults, std::move(result));
}

}  // namespace archsim::scenario
