// Checks a catalog file entry by entry and reports every problem with its
// position, so that a number without a unit, a source or a date cannot reach
// a model; see docs/catalog.md for the format.
#include "archsim/scenario/catalog_loader.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "archsim/scenario/yaml_tree.hpp"

namespace archsim::scenario {

namespace {

using model::CatalogEntry;
using model::CatalogSource;
using model::CatalogTier;

const std::vector<std::string> kTopKeys{"region", "currency", "documents", "entries"};
const std::vector<std::string> kDocumentKeys{"document", "date"};
const std::vector<std::string> kEntryKeys{"id",      "value", "unit",  "what",     "status",
                                          "sources", "note",  "tiers", "tier_unit"};
const std::vector<std::string> kTierKeys{"up_to", "price"};

// Lower-case dotted words, at least two: the service, then what is counted.
bool is_id(const std::string& s) {
  if (s.empty() || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  bool dotted = false;
  char previous = 0;
  for (const char c : s) {
    const bool word = std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                      c == '_';
    if (c == '.') {
      if (previous == '.') return false;
      dotted = true;
    } else if (!word) {
      return false;
    }
    previous = c;
  }
  return dotted && previous != '.';
}

bool digits(const std::string& s, std::size_t from, std::size_t count) {
  if (s.size() < from + count) return false;
  for (std::size_t i = from; i < from + count; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// YYYY-MM-DD or YYYY-MM (a page dated only by month), optionally after
// "retrieved " for a page that carries no date of its own.
bool is_date(std::string s) {
  const std::string retrieved = "retrieved ";
  if (s.compare(0, retrieved.size(), retrieved) == 0) s.erase(0, retrieved.size());
  if (s.size() != 7 && s.size() != 10) return false;
  if (!digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2)) return false;
  const int month = std::stoi(s.substr(5, 2));
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !digits(s, 8, 2)) return false;
  const int day = std::stoi(s.substr(8, 2));
  return day >= 1 && day <= 31;
}

std::optional<double> number_of(const YamlNode& n) {
  if (!n.is_scalar() || n.scalar.empty()) return std::nullopt;
  double v = 0;
  const char* first = n.scalar.data();
  const char* last = first + n.scalar.size();
  const auto [end, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || end != last || !std::isfinite(v)) return std::nullopt;
  return v;
}

class CatalogReader {
 public:
  explicit CatalogReader(Diagnostics& diags) : diags_(diags) {}

  std::optional<model::Catalog> read(const YamlNode& root) {
    if (!root.is_map()) {
      error(root.loc, "a catalog is a mapping with 'region', 'documents' and 'entries', not " + root.describe());
      return std::nullopt;
    }
    check_keys(root, kTopKeys, "the catalog");
    const auto region = text(root, "region", "the catalog", "the AWS Region its prices are for (us-east-1)");
    if (const auto* currency = root.find("currency"); currency && currency->scalar != "USD")
      error(currency->loc, "the currency must be USD: the models add prices up in USD, not " + currency->describe());
    if (const auto* docs = root.find("documents")) read_documents(*docs);
    const auto* entries = root.find("entries");
    if (!entries || !entries->is_seq())
      error(entries ? entries->loc : root.loc, "the catalog needs 'entries': a list of limits and prices");
    else
      for (std::size_t i = 0; i < entries->items.size(); ++i) read_entry(entries->items[i], i + 1);
    if (diags_.size() != errors_at_start_) return std::nullopt;
    return model::Catalog(std::move(entries_), region.value_or(""));
  }

 private:
  void error(const SourceLoc& loc, const std::string& message) { diags_.error(loc, message); }

  void check_keys(const YamlNode& map, const std::vector<std::string>& allowed, const std::string& owner) {
    for (const auto& key : map.keys) {
      bool known = false;
      for (const auto& a : allowed) known = known || key.scalar == a;
      if (!known) error(key.loc, "unknown key '" + key.scalar + "' in " + owner + did_you_mean(key.scalar, allowed));
    }
  }

  // A required one-line text; reported at the mapping when it is missing.
  std::optional<std::string> text(const YamlNode& map, const char* key, const std::string& owner,
                                  const std::string& what) {
    const YamlNode* n = map.find(key);
    if (!n || n->is_null()) {
      error(n ? n->loc : map.loc, owner + " has no '" + key + "': " + what);
      return std::nullopt;
    }
    if (!n->is_scalar() || n->scalar.empty()) {
      error(n->loc, std::string("'") + key + "' of " + owner + " must be text, not " + n->describe());
      return std::nullopt;
    }
    return n->scalar;
  }

  // {document, date}: a document the catalog names once and entries cite by key, or a source written inline.
  std::optional<CatalogSource> read_source(const YamlNode& map, const std::string& owner) {
    if (!map.is_map()) {
      error(map.loc, owner + " must be a mapping with 'document' and 'date', not " + map.describe());
      return std::nullopt;
    }
    check_keys(map, kDocumentKeys, owner);
    const auto document = text(map, "document", owner, "the page or file the numbers come from");
    const auto date = text(map, "date", owner,
                           "a source needs a date: the document's own (2024-07-01) or, for a page that carries "
                           "none, when it was read (retrieved 2026-11)");
    if (date && !is_date(*date))
      error(map.find("date")->loc, "'" + *date + "' is not a date; write YYYY-MM-DD or YYYY-MM, or 'retrieved "
                                                 "YYYY-MM' for a page that carries no date");
    if (!document || !date) return std::nullopt;
    return CatalogSource{"", *document, *date};
  }

  void read_documents(const YamlNode& docs) {
    if (!docs.is_map()) {
      error(docs.loc, "'documents' must map short names (K1) to {document, date}, not " + docs.describe());
      return;
    }
    for (std::size_t i = 0; i < docs.keys.size(); ++i) {
      const std::string& key = docs.keys[i].scalar;
      if (auto source = read_source(docs.items[i], "the source '" + key + "'")) {
        source->key = key;
        documents_[key] = std::move(*source);
      }
      document_keys_.push_back(key);
    }
  }

  void read_sources(const YamlNode* n, const YamlNode& entry, CatalogEntry& e, const std::string& owner) {
    const std::string why = "every number needs the document it comes from and that document's date";
    if (!n || n->is_null()) return error(n ? n->loc : entry.loc, owner + " has no 'sources'; " + why);
    if (!n->is_seq() || n->items.empty())
      return error(n->loc, "'sources' of " + owner + " must be a list of at least one source; " + why);
    for (const auto& item : n->items) {
      if (item.is_scalar()) {
        const auto it = documents_.find(item.scalar);
        if (it != documents_.end()) e.sources.push_back(it->second);
        else if (!contains(document_keys_, item.scalar))  // a defined key whose definition was reported already
          error(item.loc, owner + " cites '" + item.scalar + "', which 'documents' does not define" +
                              did_you_mean(item.scalar, document_keys_));
      } else if (auto source = read_source(item, "a source of " + owner)) {
        e.sources.push_back(std::move(*source));
      }
    }
  }

  void read_tiers(const YamlNode& n, CatalogEntry& e, const std::string& owner) {
    if (!n.is_seq() || n.items.empty())
      return error(n.loc, "'tiers' of " + owner + " must be a list of {up_to, price}, not " + n.describe());
    double previous = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const YamlNode& t = n.items[i];
      if (!t.is_map()) return error(t.loc, "a tier of " + owner + " must be {up_to, price}, not " + t.describe());
      check_keys(t, kTierKeys, "a tier of " + owner);
      CatalogTier tier{std::numeric_limits<double>::infinity(), 0};
      const YamlNode* price = t.find("price");
      const auto p = price ? number_of(*price) : std::nullopt;
      if (!p) error(price ? price->loc : t.loc, "a tier of " + owner + " needs 'price', a number in " + e.unit);
      else tier.price = *p;
      if (const YamlNode* up = t.find("up_to")) {
        if (const auto u = number_of(*up)) tier.up_to = *u;
        else error(up->loc, "'up_to' must be a number of " + (e.tier_unit.empty() ? "units" : e.tier_unit) +
                                ", not " + up->describe());
        if (tier.up_to <= previous)
          error(up->loc, "the tiers of " + owner + " must rise: each 'up_to' above the one before");
      } else if (i + 1 < n.items.size()) {
        error(t.loc, "only the last tier of " + owner + " may leave out 'up_to' (no upper bound)");
      }
      previous = tier.up_to;
      e.tiers.push_back(tier);
    }
  }

  void read_entry(const YamlNode& n, std::size_t number) {
    if (!n.is_map()) return error(n.loc, "entry " + std::to_string(number) + " must be a mapping, not " + n.describe());
    CatalogEntry e;
    e.loc = n.loc;
    std::string owner = "entry " + std::to_string(number);
    if (const auto id = text(n, "id", owner, "a dotted name such as kinesis.shard.write_bytes_per_s")) {
      const YamlNode* id_node = n.find("id");
      e.id = *id;
      e.loc = id_node->loc;
      owner = "'" + e.id + "'";
      if (!is_id(e.id))
        error(id_node->loc, "'" + e.id + "' is not a catalog id; write lower-case dotted words such as "
                                         "kinesis.shard.write_bytes_per_s");
      if (const auto [it, fresh] = ids_.emplace(e.id, id_node->loc); !fresh)
        error(id_node->loc, "duplicate id '" + e.id + "'; it is already used at line " +
                                std::to_string(it->second.line) + ", and each id names one number");
    }
    check_keys(n, kEntryKeys, owner);
    e.unit = text(n, "unit", owner, "every number states its unit (bytes/s, s, count, usd/GB-month, ...)").value_or("");
    e.what = text(n, "what", owner, "one line saying what the number is").value_or("");
    if (const auto status = text(n, "status", owner, "one of " + join_or(model::catalog_status_names()))) {
      if (const auto s = model::parse_catalog_status(*status)) e.status = *s;
      else
        // No did-you-mean: 'confirmed' is closest to 'unconfirmed', the opposite of what it means.
        error(n.find("status")->loc,
              "unknown status '" + *status + "'; use one of " + join_or(model::catalog_status_names()));
    }
    if (const YamlNode* note = n.find("note"); note && !note->is_null()) {
      if (note->is_scalar()) e.note = note->scalar;
      else error(note->loc, "'note' of " + owner + " must be text, not " + note->describe());
    }
    read_sources(n.find("sources"), n, e, owner);
    const YamlNode* tiers = n.find("tiers");
    if (tiers) {
      e.tier_unit = text(n, "tier_unit", owner, "what the tiers' 'up_to' counts (GB per month)").value_or("");
      read_tiers(*tiers, e, owner);
    } else if (const YamlNode* tier_unit = n.find("tier_unit")) {
      error(tier_unit->loc, "'tier_unit' of " + owner + " has no 'tiers' to describe");
    }
    read_value(n, tiers, e, owner);
    entries_.push_back(std::move(e));
  }

  // A tiered price may leave out `value`: it is the first tier's price.
  void read_value(const YamlNode& n, const YamlNode* tiers, CatalogEntry& e, const std::string& owner) {
    const YamlNode* v = n.find("value");
    const bool tiered = tiers && !e.tiers.empty();
    if ((!v || v->is_null()) && tiered) {
      e.value = e.tiers.front().price;
      return;
    }
    if (!v || v->is_null())
      return error(v ? v->loc : n.loc, owner + " has no 'value': the limit or price, in the entry's unit");
    const auto number = number_of(*v);
    if (!number) return error(v->loc, "the value of " + owner + " must be a number, not " + v->describe());
    e.value = *number;
    if (tiered && e.value != e.tiers.front().price)
      error(v->loc, "the value of " + owner + " must equal its first tier's price, or be left out");
  }

  static bool contains(const std::vector<std::string>& v, const std::string& s) {
    for (const auto& x : v)
      if (x == s) return true;
    return false;
  }

  Diagnostics& diags_;
  const std::size_t errors_at_start_ = diags_.size();
  std::map<std::string, CatalogSource> documents_;
  std::vector<std::string> document_keys_;  // every key under 'documents', defined well or not
  std::map<std::string, SourceLoc> ids_;
  std::vector<CatalogEntry> entries_;
};

}  // namespace

std::optional<model::Catalog> load_catalog_text(const std::string& text, const std::string& file,
                                                Diagnostics& diags) {
  const std::size_t before = diags.size();
  const auto root = parse_yaml(text, file, diags);
  if (!root) return std::nullopt;
  auto catalog = CatalogReader(diags).read(*root);
  // parse_yaml reports a repeated key and carries on without it; the catalog is then incomplete.
  if (diags.size() != before) return std::nullopt;
  return catalog;
}

}  // namespace archsim::scenario
