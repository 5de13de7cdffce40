#include "archsim/engine/calendar.hpp"

namespace archsim::engine {

void Calendar::grow() { slots_.resize(slots_.empty() ? 64 : 2 * slots_.size()); }

}  // namespace archsim::engine
