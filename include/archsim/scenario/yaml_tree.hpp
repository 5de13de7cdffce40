// A scenario document as a small tree of scalars, mappings and sequences in
// which every node knows its file, line and column. yaml-cpp stops at this
// boundary: the rest of archsim reads only this tree, and `--set` overrides
// edit it before validation.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "archsim/scenario/diagnostics.hpp"

namespace archsim::scenario {

struct YamlNode {
  enum class Kind { null, scalar, map, seq };
  Kind kind = Kind::null;
  std::string scalar;
  bool quoted = false;
  std::vector<YamlNode> keys;    // map: keys[i] maps to items[i]
  std::vector<YamlNode> items;   // map values, or sequence items
  SourceLoc loc;

  bool is_map() const { return kind == Kind::map; }
  bool is_seq() const { return kind == Kind::seq; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_null() const { return kind == Kind::null; }
  const YamlNode* find(const std::string& key) const;
  YamlNode* find(const std::string& key);
  // The key itself (where it was written), not its value.
  const YamlNode* find_key(const std::string& key) const;
  // What the node is, for messages: "a mapping", "a list", "'abc'", "nothing".
  std::string describe() const;
};

// Parses `text` (named `file` in messages). Returns nothing and reports the
// problem when the text is not YAML, holds several documents, or is too deep
// or too big for a scenario (aliases included). A repeated key, or a key that
// is not a word, is reported and left out of the tree that is returned, so
// that the rest of the document can still be checked.
std::optional<YamlNode> parse_yaml(const std::string& text, const std::string& file, Diagnostics& diags,
                                   int line_offset = 0, int col_offset = 0);

// Reads (scenario/input_file.hpp) and parses a file; a missing, unreadable
// or oversized file, or one that is not a regular file, is reported at
// FILE:1:1 as `what`.
std::optional<YamlNode> load_yaml_file(const std::string& path, Diagnostics& diags,
                                       const std::string& what = "the scenario file");

}  // namespace archsim::scenario
