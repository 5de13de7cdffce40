// What a DynamoDB table cannot be configured as. A provisioned table, and
// each of its global secondary indexes, may have at most the account's
// per-table quota of read and write capacity units (40,000 each by default,
// developer guide ServiceQuotas.html); a design above it could not be
// created, so it is refused with the quota, unless the scenario states that
// its account's quota was raised (`quota_wcu`, `quota_rcu`). A table has at
// most 20 global secondary indexes by default.
#include <string>
#include <vector>

#include "archsim/models/dynamodb/dynamodb_table.hpp"

namespace archsim::models {

namespace {

std::string units(double x) { return model::group_digits(x); }

// `value` of `key` (capacity units of `kind`, "write" or "read") within `quota`,
// the default or, `stated`, the scenario's.
void check_quota(const model::ParamSet& p, const std::string& key, const std::string& kind, double quota,
                 const std::string& quota_key, bool stated, const std::string& owner,
                 std::vector<model::ParamProblem>& out) {
  const double value = p.number(key);
  if (value <= quota) return;
  out.push_back({key, "'" + key + ": " + units(value) + "' in " + owner + " is above the " + units(quota) + " " + kind +
                          " capacity units a provisioned table or index may have" +
                          (stated ? " by its stated '" + quota_key + "'"
                                            : " under the default per-table quota (ServiceQuotas.html)") +
                          "; lower it to " + units(quota) + ", use mode: on_demand, or, if the account's quota was " +
                          "raised, state it as '" + quota_key + ": " + units(value) + "'"});
}

}  // namespace

std::vector<model::ParamProblem> DynamoDbTable::check(const model::ParamSet& p, const model::Catalog& catalog,
                                                      const std::string& what) {
  std::vector<model::ParamProblem> out;
  if (!p.has("mode") || p.text("mode") != "provisioned") return out;
  const double wcu_quota =
      p.has("quota_wcu") ? p.number("quota_wcu") : catalog.value("dynamodb.table.max_write_capacity_units");
  const double rcu_quota =
      p.has("quota_rcu") ? p.number("quota_rcu") : catalog.value("dynamodb.table.max_read_capacity_units");
  if (p.has("wcu")) check_quota(p, "wcu", "write", wcu_quota, "quota_wcu", p.has("quota_wcu"), what, out);
  if (p.has("rcu")) check_quota(p, "rcu", "read", rcu_quota, "quota_rcu", p.has("quota_rcu"), what, out);
  if (!p.has("gsis")) return out;
  const double most = catalog.value("dynamodb.gsi.max_per_table");
  const auto& indexes = p.at("gsis").fields->values();
  if (static_cast<double>(indexes.size()) > most)
    out.push_back({"gsis", what + " has " + units(static_cast<double>(indexes.size())) +
                               " global secondary indexes, above the " + units(most) +
                               " a table may have by default (ServiceQuotas.html); fold indexes that share a key, "
                               "or spread them over tables"});
  // An index's own units, stated, against the same quota.
  for (const auto& [name, index] : indexes) {
    std::vector<model::ParamProblem> own;
    const std::string owner = "index '" + name + "' of " + what;
    if (index.fields->has("wcu")) check_quota(*index.fields, "wcu", "write", wcu_quota, "quota_wcu", p.has("quota_wcu"), owner, own);
    if (index.fields->has("rcu")) check_quota(*index.fields, "rcu", "read", rcu_quota, "quota_rcu", p.has("quota_rcu"), owner, own);
    for (auto& problem : own) out.push_back({"gsis." + name + "." + problem.key, problem.message});
  }
  return out;
}

}  // namespace archsim::models
