// Text from a scenario as it may reach a terminal, a page or another
// program: it must be UTF-8, and what it shows must be what it says.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace archsim::scenario {

// The offset of the first byte that does not begin a valid UTF-8 sequence
// (overlong forms, surrogates and code points past U+10FFFF included), or nothing.
std::optional<std::size_t> first_invalid_utf8(const std::string& text);

// `text` with what a terminal or a viewer would act on instead of show
// written as visible escapes: C0 and C1 control characters and DEL as \xNN
// or \u{NN}, and the bidirectional overrides and isolates (U+202A..U+202E,
// U+2066..U+2069) that can make text read other than it is, as \u{NNNN}.
// Line breaks (LF, CR) and tabs are kept when `lines` (a description), else
// escaped too.
std::string printable(const std::string& text, bool lines);

}  // namespace archsim::scenario
