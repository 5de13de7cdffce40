// The catalog of AWS limits and prices as a table a person can check against
// its sources: each number with its unit, status, documents and their dates.
#pragma once
#include <string>

#include "archsim/model/catalog.hpp"

namespace archsim::report {

// Wider than `columns` (0: no limit), each entry is a line of its own with its
// documents under it instead of a table row.
std::string format_catalog(const model::Catalog& catalog, std::size_t columns = 0);

}  // namespace archsim::report
