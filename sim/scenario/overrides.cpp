// `--set KEY=VALUE`: a dotted path into the document and a value in the file's
// own syntax. Intermediate keys must exist (so a typo is caught, not added);
// the last key may be new, and is then validated like any key in the file.
#include <cstdint>
#include <string>

#include "archsim/scenario/loader.hpp"

namespace archsim::scenario {

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::vector<std::string> key_names(const YamlNode& map) {
  std::vector<std::string> out;
  for (const auto& k : map.keys) out.push_back(k.scalar);
  return out;
}

// The nearest key, or when nothing is close the keys there are, so that the
// user sees what the path could name.
std::string suggest(const std::string& part, const std::vector<std::string>& keys) {
  std::string hint = did_you_mean(part, keys);
  if (!hint.empty() || keys.empty()) return hint;
  hint = " (there: ";
  for (std::size_t i = 0; i < keys.size(); ++i) hint += (i ? ", " : "") + keys[i];
  return hint + ")";
}

// A list index written as plain digits; anything else is past the end.
std::size_t list_index(const std::string& part) {
  if (part.empty() || part.size() > 9 || part.find_first_not_of("0123456789") != std::string::npos)
    return SIZE_MAX;
  return std::stoul(part);
}
}  // namespace

namespace {

// "--duration 30m": an option that sets a top-level key. Its problems are
// placed at the option, as --duration:1:COL with the value at column 1, not
// at a --set nobody typed.
void apply_option(YamlNode& root, const std::string& assignment, Diagnostics& diags) {
  const auto space = assignment.find(' ');
  const std::string option = assignment.substr(0, space);
  const std::string value_text = space == std::string::npos ? "" : assignment.substr(space + 1);
  auto value = parse_yaml(value_text.empty() ? "~" : value_text, option, diags, 0, 0);
  if (!value || !root.is_map()) return;
  const std::string key = option.substr(2);
  if (YamlNode* existing = root.find(key)) {
    *existing = std::move(*value);
    return;
  }
  YamlNode name;
  name.kind = YamlNode::Kind::scalar;
  name.scalar = key;
  name.loc = {option, 1, 1};
  root.keys.push_back(name);
  root.items.push_back(std::move(*value));
}

}  // namespace

void apply_override(YamlNode& root, const std::string& assignment, int index, Diagnostics& diags) {
  if (assignment.rfind("--", 0) == 0) return apply_option(root, assignment, diags);
  const std::string file = "--set";
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    diags.error({file, index, 1}, "'" + assignment + "' is not KEY=VALUE; write, for example, "
                                  "--set components.events_stream.shards=8");
    return;
  }
  const std::string path = assignment.substr(0, eq);
  const std::string value_text = assignment.substr(eq + 1);
  const auto parts = split_path(path);
  YamlNode* node = &root;
  int col = 1;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const bool last = i + 1 == parts.size();
    if (part.empty()) {
      diags.error({file, index, col}, "empty name in the path '" + path + "'");
      return;
    }
    if (node->is_seq()) {
      const std::size_t at = list_index(part);
      if (at >= node->items.size()) {
        diags.error({file, index, col}, "'" + part + "' in '" + path + "' is not an index of a list of " +
                                            std::to_string(node->items.size()) +
                                            (node->items.size() == 1 ? " item" : " items") + " (counted from 0)");
        return;
      }
      node = &node->items[at];
    } else if (node->is_map()) {
      YamlNode* child = node->find(part);
      if (!child && !last) {
        diags.error({file, index, col}, "no key '" + part + "' at '" + path.substr(0, col - 1 + part.size()) + "'" +
                                            suggest(part, key_names(*node)));
        return;
      }
      if (!child) {
        YamlNode key;
        key.kind = YamlNode::Kind::scalar;
        key.scalar = part;
        key.loc = {file, index, col};
        node->keys.push_back(key);
        node->items.push_back(YamlNode{});
        child = &node->items.back();
      }
      node = child;
    } else {
      std::string message = "'";
      message += path.substr(0, static_cast<std::size_t>(col > 1 ? col - 2 : 0));
      message += "' holds " + node->describe() + ", which has no key '" + part + "'";
      diags.error({file, index, col}, message);
      return;
    }
    col += static_cast<int>(part.size()) + 1;
  }
  auto value = parse_yaml(value_text.empty() ? "~" : value_text, file, diags, index - 1, static_cast<int>(eq) + 1);
  if (!value) return;
  *node = std::move(*value);
}

// `--fault TEXT`: one entry of `faults:` in the file's syntax, usually a flow
// mapping; the list is made when the file has none.
void add_fault(YamlNode& root, const std::string& fault, int index, Diagnostics& diags) {
  const std::string file = "--fault";
  auto value = parse_yaml(fault.empty() ? "~" : fault, file, diags, index - 1, 0);
  if (!value || !root.is_map()) return;
  YamlNode* list = root.find("faults");
  if (!list) {
    YamlNode key;
    key.kind = YamlNode::Kind::scalar;
    key.scalar = "faults";
    key.loc = {file, index, 1};
    root.keys.push_back(key);
    YamlNode seq;
    seq.kind = YamlNode::Kind::seq;
    seq.loc = {file, index, 1};
    root.items.push_back(seq);
    list = &root.items.back();
  } else if (list->is_null()) {
    list->kind = YamlNode::Kind::seq;
  } else if (!list->is_seq()) {
    diags.error({file, index, 1}, "the scenario's 'faults' is " + list->describe() + ", not a list, so --fault cannot "
                                  "add to it; make it a list of faults");
    return;
  }
  list->items.push_back(std::move(*value));
}

}  // namespace archsim::scenario
