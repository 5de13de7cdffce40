// Parameter ranges are written into the models' specs so the loader can report
// them before a run; these checks keep each one equal to the catalog entry it
// comes from, so a catalog update cannot leave a stale limit behind.
#include <doctest/doctest.h>

#include "archsim/models/builtin.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

namespace {
const model::ParamSpec& param(const std::string& service, const std::string& name) {
  const auto* spec = models::find_model(service);
  REQUIRE(spec != nullptr);
  for (const auto& p : spec->params)
    if (p.name == name) return p;
  FAIL("no parameter " << name << " in " << service);
  return spec->params.front();
}
double catalog(const char* id) { return scenario::builtin_catalog().at(id).value; }
}  // namespace

TEST_CASE("model specs: ranges equal the catalog's documented limits") {
  CHECK(param("kinesis", "shards").max == catalog("kinesis.account.max_shards"));
  CHECK(param("dynamodb", "item_size").max == catalog("dynamodb.item.max_bytes"));
}

TEST_CASE("model specs: an item above DynamoDB's 400 KiB limit is bad input") {
  auto r = scenario::load_scenario_text(R"(name: big items
duration: 1m
workload: { w: { rate: 1/s } }
components: { t: { service: dynamodb, item_size: 500KB } }
flows: [w -> t]
)", "big.yaml");
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics.items()[0].message.find("must be at most 400KiB") != std::string::npos);
}
