// The version printed by `archsim --version` and written into every result.
#pragma once

namespace archsim {
inline constexpr const char* kVersion = "0.1.0";
}
