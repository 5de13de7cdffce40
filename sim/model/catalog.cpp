// Lookup in the catalog of limits and prices; parsing is the scenario layer's.
#include "archsim/model/catalog.hpp"

#include <algorithm>
#include <stdexcept>

namespace archsim::model {

const std::vector<std::string>& catalog_status_names() {
  static const std::vector<std::string> names{"ok", "third_party", "unconfirmed", "changed"};
  return names;
}

const char* to_string(CatalogStatus status) {
  switch (status) {
    case CatalogStatus::ok: return "ok";
    case CatalogStatus::third_party: return "third_party";
    case CatalogStatus::unconfirmed: return "unconfirmed";
    case CatalogStatus::changed: return "changed";
  }
  return "?";
}

std::optional<CatalogStatus> parse_catalog_status(std::string_view text) {
  for (const auto s : {CatalogStatus::ok, CatalogStatus::third_party, CatalogStatus::unconfirmed,
                       CatalogStatus::changed})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

Catalog::Catalog(std::vector<CatalogEntry> entries, std::string region)
    : entries_(std::move(entries)), region_(std::move(region)) {
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (!index_.emplace(entries_[i].id, i).second)
      throw std::invalid_argument("catalog: the id '" + entries_[i].id + "' is used by two entries");
}

const CatalogEntry* Catalog::find(std::string_view id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

namespace {
// Edit distance, for suggesting the id a misspelt one was meant to be. (The
// scenario layer has its own did-you-mean; this layer sits below it.)
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

const CatalogEntry& Catalog::at(std::string_view id) const {
  if (const auto* e = find(id)) return *e;
  const CatalogEntry* closest = nullptr;
  std::size_t best = 4;  // more edits than this is another id, not a misspelling
  for (const auto& e : entries_)
    if (const std::size_t d = edit_distance(id, e.id); d < best) best = d, closest = &e;
  throw std::out_of_range("catalog: no entry has the id '" + std::string(id) + "'" +
                          (closest ? "; did you mean '" + closest->id + "'?" : std::string{}));
}

}  // namespace archsim::model
