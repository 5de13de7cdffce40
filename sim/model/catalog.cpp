// Lookup in the catalog of limits and prices; parsing is the scenario layer's.
#include "archsim/model/catalog.hpp"

#include <algorithm>
#include <stdexcept>

#include "archsim/model/suggest.hpp"

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

const CatalogEntry& Catalog::at(std::string_view id) const {
  if (const auto* e = find(id)) return *e;
  std::vector<std::string> ids;
  for (const auto& e : entries_) ids.push_back(e.id);
  const std::string closest = closest_match(std::string(id), ids);
  throw std::out_of_range("catalog: no entry has the id '" + std::string(id) + "'" +
                          (closest.empty() ? std::string{} : "; did you mean '" + closest + "'?"));
}

}  // namespace archsim::model
