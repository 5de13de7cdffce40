// The catalog of AWS limits and prices as a table a person can check against
// its sources: each number with its unit, status, documents and their dates.
#pragma once
#include <string>

#include "archsim/model/catalog.hpp"

namespace archsim::report {

std::string format_catalog(const model::Catalog& catalog);

}  // namespace archsim::report
