#include "archsim/model/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace archsim::model {

namespace {
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

namespace {
// Whether two names are the same words joined by '_' in some order.
bool same_words(const std::string& a, const std::string& b) {
  const auto words = [](const std::string& s) {
    std::vector<std::string> out(1);
    for (const char c : s) {
      if (c == '_') out.emplace_back();
      else out.back() += c;
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  return a.find('_') != std::string::npos && words(a) == words(b);
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string w = lower(word);
  std::string best;
  std::size_t best_distance = SIZE_MAX, best_edits = SIZE_MAX;
  for (const auto& c : candidates) {
    const std::string lc = lower(c);
    const std::size_t edits = edit_distance(w, lc);
    std::size_t d = edits;
    // A candidate that contains the word or is contained in it (`shard` in `shards`) is close.
    if (d > 0 && w.size() >= 3 && (lc.find(w) != std::string::npos || w.find(lc) != std::string::npos))
      d = std::min<std::size_t>(d, 1);
    // The same words in another order (`p99_latency` for `latency_p99`) are close.
    if (d > 0 && same_words(w, lc)) d = 1;
    // Among equally close candidates the one fewest edits away wins:
    // `service_tme` is `service_time` misspelt, not `service` extended.
    if (d < best_distance || (d == best_distance && edits < best_edits)) best_distance = d, best_edits = edits, best = c;
  }
  const std::size_t allowed = std::max<std::size_t>(1, std::min<std::size_t>(3, (w.size() + 2) / 3));
  return best_distance <= allowed ? best : std::string{};
}

}  // namespace archsim::model
