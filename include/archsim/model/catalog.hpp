// The catalog of AWS limits and prices the service models read, each number
// with the documents it comes from and their dates, so that a report can say
// where a number comes from. The data lives in models/catalog/*.yaml; the
// scenario layer parses it (catalog_loader.hpp), this layer only holds it.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "archsim/model/params.hpp"

namespace archsim::model {

// How far a number can be trusted, as the facts it was taken from say.
enum class CatalogStatus {
  ok,           // an AWS document or a price-list-derived fixture
  third_party,  // only third-party posts or notes
  unconfirmed,  // no source states it; kept as the best guess
  changed,      // sources of different dates disagree; the newest is kept
};

const char* to_string(CatalogStatus status);  // "ok", "third_party", ...
std::optional<CatalogStatus> parse_catalog_status(std::string_view text);
const std::vector<std::string>& catalog_status_names();

struct CatalogSource {
  std::string key;       // the short name the catalog file gives the document (K1); empty when written inline
  std::string document;  // a page or file: "docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html"
  std::string date;      // the document's date (2024-07-01), or "retrieved 2026-11" when it carries none
};

// One step of a tiered price: `price` applies to usage up to `up_to` (cumulative,
// per month, in the entry's `tier_unit`); the last step may be open (+infinity).
struct CatalogTier {
  double up_to = 0;
  double price = 0;
};

struct CatalogEntry {
  std::string id;    // dotted, stable: kinesis.shard.write_bytes_per_s
  double value = 0;  // SI units or USD; a tiered price's first step
  std::string unit;  // bytes/s, records/s, s, count, usd/shard-hour, usd/GB-month, ...
  std::string what;  // one line: what the number is
  CatalogStatus status = CatalogStatus::unconfirmed;
  std::vector<CatalogSource> sources;
  std::string note;  // conditions and caveats
  std::vector<CatalogTier> tiers;
  std::string tier_unit;  // what `up_to` counts, e.g. "GB-s per month"
  SourceLoc loc;          // where the entry is written
};

class Catalog {
 public:
  Catalog() = default;
  // Throws std::invalid_argument if two entries share an id.
  explicit Catalog(std::vector<CatalogEntry> entries, std::string region = {});

  // Throws std::out_of_range naming the id when there is no such entry: a model
  // asking for a number the catalog lacks is a programming error, not bad input.
  const CatalogEntry& at(std::string_view id) const;
  const CatalogEntry* find(std::string_view id) const;
  double value(std::string_view id) const { return at(id).value; }
  const std::vector<CatalogEntry>& entries() const { return entries_; }  // in file order
  const std::string& region() const { return region_; }
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<CatalogEntry> entries_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::string region_;
};

// A product name as it stands in catalog ids: ra3.4xlarge -> ra3_4xlarge
// (redshift.ra3_4xlarge.slices), m5.xlarge -> m5_xlarge.
inline std::string catalog_name(std::string product) {
  for (char& c : product)
    if (c == '.') c = '_';
  return product;
}

}  // namespace archsim::model
