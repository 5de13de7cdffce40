// libFuzzer: any text as a scenario. The loader answers with located errors
// or a scenario, and explain reads what loads; neither may crash, hang,
// overflow or leak (ASan and UBSan watch). docs/reliability.md says how to run it.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "archsim/analysis/static_explain.hpp"
#include "archsim/scenario/catalog_loader.hpp"
#include "archsim/scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace archsim;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto loaded = scenario::load_scenario_text(text, "fuzz.yaml");
  if (!loaded.ok()) {
    if (loaded.diagnostics.empty()) __builtin_trap();  // refused without a word
    return 0;
  }
  (void)analysis::explain_statically(*loaded.scenario, scenario::builtin_catalog());
  return 0;
}
