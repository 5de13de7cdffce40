// Items with a `name` (components, their results, their static figures)
// looked up by it: the analysis asks per component and per path, so a design
// of thousands is indexed once rather than searched each time.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

namespace archsim::analysis {

template <typename T>
class ByName {
 public:
  explicit ByName(const std::vector<T>& items) {
    index_.reserve(items.size());
    for (const T& item : items) index_.emplace(item.name, &item);  // the first of a name, as a search finds
  }
  const T* find(const std::string& name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string, const T*> index_;
};

}  // namespace archsim::analysis
