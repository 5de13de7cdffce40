#include "archsim/scenario/yaml_tree.hpp"
#include "archsim/scenario/input_file.hpp"
#include "archsim/scenario/text.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

namespace archsim::scenario {

const YamlNode* YamlNode::find(const std::string& key) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].scalar == key) return &items[i];
  return nullptr;
}

const YamlNode* YamlNode::find_key(const std::string& key) const {
  for (const YamlNode& k : keys)
    if (k.scalar == key) return &k;
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
    case Kind::scalar: {
      // A long value (a quote left open swallows the rest of the file) is cut short.
      constexpr std::size_t kShown = 40;
      return "'" + (scalar.size() <= kShown ? scalar : scalar.substr(0, kShown) + "...") + "'";
    }
  }
  return "?";
}

namespace {

// A scenario is a few levels deep and a few hundred values big; a generated
// design of 10,000 components is about 150,000, within the bound. Aliases can
// refer to their own anchor (`a: &x [*x]`) or grow exponentially (aliases
// repeated inside aliases, "billion laughs"), so the tree is built within
// these bounds rather than trusting the input.
constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 2000000;

// Abandons a document that cannot be turned into a tree.
struct Unreadable {
  SourceLoc loc;
  std::string message;
};

// Turns yaml-cpp's 0-based marks into positions in the file; text parsed from
// a `--set` value is offset to where the value sits in the assignment.
struct Positions {
  std::string file;
  int line_offset = 0;
  int col_offset = 0;
  SourceLoc of(const YAML::Mark& m) const {
    if (m.is_null() || m.line < 0) return {};
    return {file, m.line + 1 + line_offset, m.column + 1 + (m.line == 0 ? col_offset : 0)};
  }
};

std::size_t count_nodes(const YamlNode& n) {
  std::size_t total = 1;
  for (const auto& k : n.keys) total += count_nodes(k);
  for (const auto& i : n.items) total += count_nodes(i);
  return total;
}

// Whether the quoted scalar that starts at byte `pos` of `text` has its
// closing quote: yaml-cpp 0.7 lets a quote left open run to the end of the
// file, which would turn the rest of the scenario into one string.
bool quote_closed(const std::string& text, int pos) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= text.size()) return true;
  const char quote = text[pos];
  if (quote != '"' && quote != '\'') return true;  // the mark is on an anchor or a tag: not checked
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') ++i;  // an escape such as \"
    else if (text[i] == quote && quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' inside '...'
    else if (text[i] == quote) return true;
  }
  return false;
}

// Builds one document's YamlNode tree from yaml-cpp's parse events, so that
// every node keeps its position and aliases are expanded under the bounds
// above. Problems that leave the rest readable (a repeated key, a key that is
// not a word) are reported and the tree is built without them.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& text, const Positions& positions, Diagnostics& diags)
      : text_(text), positions_(positions), diags_(diags) {}

  std::optional<YamlNode> root;
  YAML::Mark root_mark = YAML::Mark::null_mark();

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode n;
    n.loc = loc_of(mark);
    finish(std::move(n), mark, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw Unreadable{loc_of(mark), "an alias refers to the anchor it is inside, so the value would contain "
                                     "itself"};
    expanded_alias_ = true;
    add_nodes(count_nodes(it->second), mark);
    finish(it->second, mark, YAML::NullAnchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode n;
    n.kind = YamlNode::Kind::scalar;
    n.scalar = value;
    n.quoted = tag == "!";  // yaml-cpp's tag for a quoted scalar
    n.loc = loc_of(mark);
    if (n.quoted && !quote_closed(text_, mark.pos))
      throw Unreadable{n.loc, "this is not valid YAML: the quote opened here is never closed"};
    finish(std::move(n), mark, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::seq, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YamlNode::Kind::map, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::Mark mark;
    YAML::anchor_t anchor;
    std::optional<YamlNode> key;  // a map's key waiting for its value
    bool skip_value = false;      // the key was reported; its value is dropped
    std::set<std::string> seen;   // a map's keys so far
  };

  void add_nodes(std::size_t n, const YAML::Mark& mark) {
    nodes_ += n;
    if (nodes_ <= kMaxNodes) return;
    throw Unreadable{loc_of(mark), expanded_alias_ ? "the document expands to more than " + std::to_string(kMaxNodes) +
                                                         " values (aliases repeated inside aliases?); a scenario "
                                                         "needs far fewer"
                                                   : "the document holds more than " + std::to_string(kMaxNodes) +
                                                         " values; a scenario needs far fewer"};
  }

  void open(YamlNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (stack_.size() >= kMaxDepth)
      throw Unreadable{loc_of(mark), "the document nests more than " + std::to_string(kMaxDepth) +
                                         " levels deep; a scenario needs only a few levels"};
    add_nodes(1, mark);
    Frame f{{}, mark, anchor, std::nullopt, false, {}};
    f.node.kind = kind;
    f.node.loc = loc_of(mark);
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(std::move(f.node), f.mark, f.anchor);
  }

  // A complete node goes to its anchor, then into its parent or to the root.
  void finish(YamlNode n, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (n.kind == YamlNode::Kind::scalar || n.kind == YamlNode::Kind::null) add_nodes(1, mark);
    if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
    if (stack_.empty()) {
      root_mark = mark;
      root = std::move(n);
    } else if (stack_.back().node.is_seq()) {
      if (n.loc.line == 0) n.loc = stack_.back().node.loc;
      stack_.back().node.items.push_back(std::move(n));
    } else {
      add_to_map(stack_.back(), std::move(n));
    }
  }

  void add_to_map(Frame& map, YamlNode n) {
    if (!map.key) {
      if (n.loc.line == 0) n.loc = map.node.loc;
      map.skip_value = !acceptable_key(map, n);
      map.key = std::move(n);
      return;
    }
    if (!map.skip_value) {
      if (n.loc.line == 0) n.loc = map.key->loc;  // an implicit null is where its key is
      map.node.keys.push_back(std::move(*map.key));
      map.node.items.push_back(std::move(n));
    }
    map.key.reset();
  }

  bool acceptable_key(Frame& map, const YamlNode& key) {
    if (!key.is_scalar()) {
      diags_.error(key.loc, "a key must be a plain word, not " + key.describe());
      return false;
    }
    if (!map.seen.insert(key.scalar).second) {
      diags_.error(key.loc, "duplicate key '" + key.scalar + "'; each key may appear once in a mapping");
      return false;
    }
    return true;
  }

  SourceLoc loc_of(const YAML::Mark& m) const { return positions_.of(m); }

  const std::string& text_;
  const Positions& positions_;
  Diagnostics& diags_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, YamlNode> anchors_;
  std::size_t nodes_ = 0;
  bool expanded_alias_ = false;  // for the message when there are too many nodes
};

// yaml-cpp's wording for the most common mistakes, said the way a user
// would look for the fix.
std::string explain_parse_error(const YAML::Exception& e) {
  if (dynamic_cast<const YAML::DeepRecursion*>(&e))
    return "the document nests too deeply; a scenario needs only a few levels";
  static const std::pair<const char*, const char*> known[] = {
      {"end of sequence flow not found", "a '[' list is not closed with ']'"},
      {"end of map flow not found", "a '{' mapping is not closed with '}'"},
      {"end of map not found", "the mapping cannot go on here; check this line's indentation and look for a stray "
                               "character such as ','"},
      {"end of sequence not found", "the list cannot go on here; check this line's indentation and look for a stray "
                                    "character such as ','"},
      {"illegal map value", "unexpected ':'; check the indentation, or quote a value that contains ': '"},
  };
  for (const auto& [raw, plain] : known)
    if (e.msg == raw) return std::string(plain) + " (" + raw + ")";
  return e.msg;
}

// The `---` that starts the document whose content begins on 0-based line
// `content_line`, as a 0-based line; `content_line` itself if there is none.
int document_marker_line(const std::string& text, int content_line) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  for (int line = std::min<int>(content_line, static_cast<int>(starts.size()) - 1); line >= 0; --line)
    if (text.compare(starts[line], 3, "---") == 0) return line;
  return content_line;
}

struct Document {
  std::optional<YamlNode> root;
  YAML::Mark mark;
  Diagnostics diags;  // problems inside this document, reported only if it is the one document
};

bool same_place(const YAML::Mark& a, const YAML::Mark& b) { return a.pos == b.pos && a.line == b.line; }

// Reads the documents of `text` one by one. yaml-cpp 0.7 does not consume a
// token it cannot place (a ',' after a scalar, jbeder/yaml-cpp#1040) and then
// returns the same empty document forever, which is why YAML::LoadAll can
// hang; an empty document where the previous one was is that syntax error.
std::vector<Document> read_documents(const std::string& text, const Positions& positions) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  std::vector<Document> docs;
  for (;;) {
    Document doc;
    TreeBuilder builder(text, positions, doc.diags);
    if (!parser.HandleNextDocument(builder)) return docs;
    doc.root = std::move(builder.root);
    doc.mark = builder.root_mark;
    if (!docs.empty() && doc.root && doc.root->is_null() && docs.back().root && docs.back().root->is_null() &&
        same_place(doc.mark, docs.back().mark)) {
      const char c = doc.mark.pos >= 0 && doc.mark.pos < static_cast<int>(text.size()) ? text[doc.mark.pos] : '?';
      throw Unreadable{positions.of(doc.mark), std::string("this is not valid YAML: unexpected '") + c + "'"};
    }
    docs.push_back(std::move(doc));
  }
}

}  // namespace

namespace {
SourceLoc position_of(const std::string& text, std::size_t offset, const std::string& file);
}  // namespace

std::optional<YamlNode> parse_yaml(const std::string& text, const std::string& file, Diagnostics& diags,
                                   int line_offset, int col_offset) {
  const SourceLoc start{file, 1 + line_offset, 1 + col_offset};
  const Positions positions{file, line_offset, col_offset};
  if (const auto bad = first_invalid_utf8(text)) {
    SourceLoc at = position_of(text, *bad, file);
    at.line += line_offset;
    if (at.line == 1 + line_offset) at.col += col_offset;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    const bool option = file.rfind("--", 0) == 0;
    diags.error(at, std::string("this byte (") + byte + ") is not UTF-8, which archsim reads; " +
                        (option ? "write the value in UTF-8" : "save the file as UTF-8") +
                        " (Latin-1 writes an e with an acute accent as 0xE9, UTF-8 as 0xC3 0xA9)");
    return std::nullopt;
  }
  std::vector<Document> docs;
  try {
    docs = read_documents(text, positions);
  } catch (const YAML::Exception& e) {
    const SourceLoc at = positions.of(e.mark);
    diags.error(at.line ? at : start, "this is not valid YAML: " + explain_parse_error(e));
    return std::nullopt;
  } catch (const Unreadable& e) {
    diags.error(e.loc.line ? e.loc : start, e.message);
    return std::nullopt;
  }
  if (docs.size() > 1) {
    YAML::Mark second = docs[1].mark;
    if (second.line >= 0) second.line = document_marker_line(text, second.line), second.column = 0;
    const SourceLoc at = positions.of(second);
    diags.error(at.line ? at : start,
                "a second YAML document starts here; a scenario is one document (remove the '---' line)");
    return std::nullopt;
  }
  if (docs.empty() || !docs[0].root) return YamlNode{YamlNode::Kind::null, {}, false, {}, {}, start};
  for (const auto& d : docs[0].diags.items()) diags.error(d.loc, d.message);
  YamlNode root = std::move(*docs[0].root);
  if (root.loc.line == 0) root.loc = start;
  return root;
}

namespace {
// 1-based line and column of byte `offset` in `text`.
SourceLoc position_of(const std::string& text, std::size_t offset, const std::string& file) {
  SourceLoc loc{file, 1, 1};
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++loc.line, loc.col = 1;
    else ++loc.col;
  }
  return loc;
}
}  // namespace

std::optional<YamlNode> load_yaml_file(const std::string& path, Diagnostics& diags, const std::string& what) {
  const std::optional<std::string> read = read_input_file(path, what, kMaxYamlBytes, diags);
  if (!read) return std::nullopt;
  const std::string& text = *read;
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    diags.error(position_of(text, nul, path), "this is not a YAML text file: it contains a NUL byte here");
    return std::nullopt;
  }
  return parse_yaml(text, path, diags);
}

}  // namespace archsim::scenario
