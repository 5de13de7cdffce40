// Reads a catalog of AWS limits and prices (docs/catalog.md) from YAML into a
// model::Catalog. It lives in the scenario layer because yaml-cpp stays here;
// models only see the parsed Catalog.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "archsim/model/catalog.hpp"
#include "archsim/scenario/diagnostics.hpp"

namespace archsim::scenario {

// Parses `text` (named `file` in messages). Every malformed entry is reported
// as FILE:LINE:COL: error: ...; the catalog exists only if there are none.
std::optional<model::Catalog> load_catalog_text(const std::string& text, const std::string& file,
                                                Diagnostics& diags);

// models/catalog/aws-us-east-1.yaml as it was when the binary was built, and
// the name its messages and entries' positions use.
std::string_view builtin_catalog_text();
inline constexpr const char* kBuiltinCatalogFile = "models/catalog/aws-us-east-1.yaml";

// The built-in catalog: compiled from the YAML into the binary's data at build
// time (sim/scenario/catalog_compiler.cpp, which stops the build on any
// problem in it), so that no run parses it.
const model::Catalog& builtin_catalog();

}  // namespace archsim::scenario
