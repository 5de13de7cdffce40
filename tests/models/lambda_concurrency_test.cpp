// The Regional concurrency quota shared by a scenario's Lambda functions
// (configuration-concurrency.html, retrieved 2026-12-05): reserved
// concurrency is a function's own, and the functions without it share what
// is left; at least 100 stay unreserved.
#include <doctest/doctest.h>

#include <string>

#include "archsim/model/catalog.hpp"
#include "archsim/models/lambda/lambda_function.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "support/simulate.hpp"

using namespace archsim;
using testing::component;
using testing::simulate_text;

namespace {
// Two functions, each fed 1,000 records/s over `shards` shards, 100 ms a
// call of up to 10 records: each shard's group can serve 100 records/s.
std::string two_functions(const std::string& a, const std::string& b, const std::string& account) {
  const std::string keys = "keys: { count: 1000000, dist: uniform }";
  return "name: two functions\nduration: 60s\nworkload:\n"
         "  to_a: { rate: 1000/s, arrivals: deterministic, " + keys + " }\n"
         "  to_b: { rate: 1000/s, arrivals: deterministic, " + keys + " }\n"
         "components:\n"
         "  a: { service: lambda, duration: 100ms, batch_size: 10, account_concurrency: " + account + a + " }\n"
         "  b: { service: lambda, duration: 100ms, batch_size: 10, account_concurrency: " + account + b + " }\n"
         "  out: { service: sink }\nflows: [to_a -> a -> out, to_b -> b -> out]\n";
}
double per_s(const run::ComponentResult& c) { return static_cast<double>(c.records_out) / 60; }
}  // namespace

TEST_CASE("lambda concurrency: functions without reserved concurrency share the account's") {
  // 8 shards each, an account of 6: together they run at most 6 calls at
  // once, 6 x 10 / 0.1 s = 600 records/s between them (the first second
  // waits for the shards' first polls), about half each as they take the
  // free slots in turn.
  const auto r = simulate_text(two_functions(", shards: 8", ", shards: 8", "6"));
  const auto& a = component(r, "a");
  const auto& b = component(r, "b");
  MESSAGE("a " << per_s(a) << "/s, b " << per_s(b) << "/s");
  CHECK(per_s(a) + per_s(b) == doctest::Approx(600).epsilon(0.03));
  CHECK(per_s(a) == doctest::Approx(300).epsilon(0.1));
  CHECK(a.throttled > 0);
  // Alone, one function of 8 shards runs 8 calls at once: 800/s.
  const auto alone = simulate_text(two_functions(", shards: 8", ", shards: 8", "1000"));
  CHECK(per_s(component(alone, "a")) == doctest::Approx(800).epsilon(0.03));
}

TEST_CASE("lambda concurrency: reserved concurrency is a function's own, the others share the rest") {
  // An account of 104: 'a' reserves 4 (4 x 100 = 400/s whatever 'b' does);
  // 'b', 200 shards, shares the 100 left: 100 x 100 = 10,000/s of capacity
  // against its 1,000/s offered, so it keeps up.
  const auto r = simulate_text(two_functions(", shards: 8, concurrency_limit: 4", ", shards: 200", "104"));
  CHECK(per_s(component(r, "a")) == doctest::Approx(400).epsilon(0.03));
  CHECK(per_s(component(r, "b")) == doctest::Approx(1000).epsilon(0.03));
}

TEST_CASE("lambda concurrency: the account's default quota is the catalog's") {
  const model::Catalog& catalog = scenario::builtin_catalog();
  for (const model::ParamSpec& p : models::LambdaFunction::spec().params)
    if (p.name == "account_concurrency") CHECK(std::stod(p.default_text) == catalog.value("lambda.account.concurrency"));
}
