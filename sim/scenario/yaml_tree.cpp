#include "archsim/scenario/yaml_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace archsim::scenario {

const YamlNode* YamlNode::find(const std::string& key) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].scalar == key) return &items[i];
  return nullptr;
}

YamlNode* YamlNode::find(const std::string& key) {
  return const_cast<YamlNode*>(static_cast<const YamlNode*>(this)->find(key));
}

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::null: return "nothing";
    case Kind::map: return "a mapping";
    case Kind::seq: return "a list";
    case Kind::scalar: return "'" + scalar + "'";
  }
  return "?";
}

namespace {

struct Converter {
  std::string file;
  int line_offset;
  int col_offset;
  Diagnostics& diags;
  SourceLoc parent_loc;

  SourceLoc loc_of(const YAML::Node& n, const SourceLoc& fallback) const {
    const YAML::Mark m = n.Mark();
    if (m.line < 0 || m.is_null()) return fallback;
    return {file, m.line + 1 + line_offset, m.column + 1 + (m.line == 0 ? col_offset : 0)};
  }

  YamlNode convert(const YAML::Node& n, const SourceLoc& fallback) {
    YamlNode out;
    out.loc = loc_of(n, fallback);
    switch (n.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::null;
        break;
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::scalar;
        out.scalar = n.Scalar();
        out.quoted = n.Tag() == "!";
        break;
      case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::seq;
        for (const auto& item : n) out.items.push_back(convert(item, out.loc));
        break;
      case YAML::NodeType::Map: {
        out.kind = YamlNode::Kind::map;
        std::set<std::string> seen;
        for (const auto& kv : n) {
          YamlNode key = convert(kv.first, out.loc);
          if (!key.is_scalar()) {
            diags.error(key.loc, "a key must be a plain word, not " + key.describe());
            continue;
          }
          if (!seen.insert(key.scalar).second) {
            diags.error(key.loc, "duplicate key '" + key.scalar + "'; each key may appear once in a mapping");
            continue;
          }
          YamlNode value = convert(kv.second, key.loc);
          out.keys.push_back(std::move(key));
          out.items.push_back(std::move(value));
        }
        break;
      }
    }
    return out;
  }
};

}  // namespace

std::optional<YamlNode> parse_yaml(const std::string& text, const std::string& file, Diagnostics& diags,
                                   int line_offset, int col_offset) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line < 0 ? 1 : e.mark.line + 1 + line_offset;
    const int col = e.mark.column < 0 ? 1 : e.mark.column + 1 + (e.mark.line == 0 ? col_offset : 0);
    diags.error({file, line, col}, "this is not valid YAML: " + e.msg);
    return std::nullopt;
  }
  const SourceLoc start{file, 1 + line_offset, 1 + col_offset};
  if (docs.size() > 1) {
    Converter c{file, line_offset, col_offset, diags, start};
    diags.error(c.loc_of(docs[1], start), "the file holds more than one YAML document; a scenario is one document");
    return std::nullopt;
  }
  if (docs.empty()) return YamlNode{YamlNode::Kind::null, {}, false, {}, {}, start};
  Converter c{file, line_offset, col_offset, diags, start};
  const std::size_t before = diags.size();
  YamlNode root = c.convert(docs[0], start);
  if (diags.size() != before) return std::nullopt;
  return root;
}

std::optional<YamlNode> load_yaml_file(const std::string& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error({path, 1, 1}, std::string("cannot read the scenario file: ") + std::strerror(errno) +
                                  "; check the path");
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (text.find('\0') != std::string::npos) {
    diags.error({path, 1, 1}, "this is not a YAML text file (it contains NUL bytes)");
    return std::nullopt;
  }
  return parse_yaml(text, path, diags);
}

}  // namespace archsim::scenario
