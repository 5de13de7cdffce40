// Every parameter of every component of every shipped scenario, set to a
// wrong word, a negative, zero, a huge number or a mapping: the loader
// answers each with located errors or a design that loads, and never with
// an exception (an internal error to a user). What loads is also explained
// statically, which reads every model's figures, and run for a minute.
#include <doctest/doctest.h>

#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/models/builtin.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

using namespace archsim;

TEST_CASE("mutation: no value of any parameter of a shipped scenario makes the loader, explain or a run throw") {
  const std::vector<std::string> values = {"bogus", "-1", "0", "1e300", "{x: 1}"};
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(ARCHSIM_SOURCE_DIR) / "scenarios"))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  REQUIRE(files.size() >= 10);
  std::size_t tried = 0, refused = 0;
  for (const auto& file : files) {
    const auto base = scenario::load_scenario(file);
    REQUIRE(base.ok());
    std::vector<std::string> keys;
    for (const auto& c : base.scenario->components)
      for (const auto& p : c.model->params) keys.push_back("components." + c.name + "." + p.name);
    for (const auto& s : base.scenario->sources)
      for (const auto& p : models::source_spec().params) keys.push_back("workload." + s.name + "." + p.name);
    for (const auto& key : keys)
      for (const auto& value : values) {
        const std::string set = key + "=" + value;
        CAPTURE(file);
        CAPTURE(set);
        ++tried;
        try {
          const auto loaded = scenario::load_scenario(file, {set});
          if (!loaded.ok()) {
            ++refused;
            for (const auto& d : loaded.diagnostics.items()) CHECK_FALSE(d.message.empty());
            continue;
          }
          (void)analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
          // A minute of it runs to the end, or stops as overloaded (bad input, located).
          scenario::Scenario minute = *loaded.scenario;
          minute.duration = engine::kMinute;
          minute.warmup = 0;
          minute.metrics_interval = 0;
          try {
            (void)run::simulate(minute);
          } catch (const run::Overloaded&) {
          }
        } catch (const std::exception& e) {
          FAIL_CHECK("threw: " << std::string(e.what()));
        }
      }
  }
  MESSAGE(tried << " variants, " << refused << " refused with located errors");
  CHECK(refused > tried / 2);
}
