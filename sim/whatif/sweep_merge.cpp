// Parts of a sweep run apart (a job array) put back together. Each point
// was run with its own seeds whatever machine ran it, so the merged points
// are the ones the whole sweep would have; only the analysis is done here.
#include <algorithm>
#include <map>
#include <set>

#include "archsim/whatif/sweep.hpp"

namespace archsim::whatif {

namespace {

std::string point_name(const SweepDefinition& d, std::size_t index) {
  const GridPoint p = d.grid.point(index);
  std::string out = "point " + std::to_string(index) + " (";
  if (d.grid.designs.size() > 1) out += d.grid.designs.at(p.design) + ", ";
  const auto assignments = d.grid.assignments(p);
  for (std::size_t i = 0; i < assignments.size(); ++i) out += (i ? ", " : "") + assignments[i];
  return out + ")";
}

// "3, 11 and 19", at most a few of them.
std::string listed(const std::vector<std::size_t>& numbers) {
  constexpr std::size_t kShown = 8;
  std::string out;
  for (std::size_t i = 0; i < numbers.size() && i < kShown; ++i)
    out += (i == 0 ? "" : i + 1 == numbers.size() ? " and " : ", ") + std::to_string(numbers[i]);
  if (numbers.size() > kShown) out += " and " + std::to_string(numbers.size() - kShown) + " more";
  return out;
}

}  // namespace

std::optional<SweepResult> merge_parts(std::vector<SweepResult> parts, const std::vector<std::string>& files,
                                       scenario::Diagnostics& diags) {
  if (parts.empty()) return std::nullopt;
  const std::size_t before = diags.size();
  const std::string expected = fingerprint(parts.front().definition);
  for (std::size_t i = 1; i < parts.size(); ++i)
    if (fingerprint(parts[i].definition) != expected)
      diags.error({files[i], 1, 1}, "this part is from another sweep than " + files[0] +
                                        " (its designs, their files' contents, --vary, --set, --seed, --duration, "
                                        "--warmup, --metric or --replications differ); merge the parts of one sweep");
  if (diags.size() != before) return std::nullopt;

  SweepResult whole;
  whole.definition = parts.front().definition;
  whole.design_names = parts.front().design_names;
  const std::size_t size = whole.definition.grid.size();
  std::map<std::size_t, std::size_t> owner;  // point index -> the part that holds it
  std::size_t shards = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].shard) shards = std::max(shards, parts[i].shard->n);
    std::map<std::size_t, std::vector<std::size_t>> twice;  // by the earlier part
    for (auto& point : parts[i].points) {
      if (point.index >= size) {
        diags.error({files[i], 1, 1}, "point " + std::to_string(point.index) + " is not in a grid of " +
                                          std::to_string(size) + " points; the part is damaged");
        continue;
      }
      const auto [at, inserted] = owner.emplace(point.index, i);
      if (!inserted) {
        twice[at->second].push_back(point.index);
        continue;
      }
      whole.points.push_back(std::move(point));
    }
    for (const auto& [earlier, indices] : twice)
      if (files[earlier] == files[i])
        diags.error({files[i], 1, 1}, "this part is given twice; give each part once");
      else
        diags.error({files[i], 1, 1}, std::to_string(indices.size()) + " of its points " +
                                        (indices.size() == 1 ? "is" : "are") + " also in " + files[earlier] + " (" +
                                        point_name(whole.definition, indices.front()) +
                                        (indices.size() > 1 ? ", ..." : "") + "); give each part once");
  }
  std::vector<std::size_t> missing;
  std::set<std::size_t> missing_shards;
  for (std::size_t index = 0; index < size; ++index)
    if (!owner.count(index)) {
      missing.push_back(index);
      if (shards > 0) missing_shards.insert(index % shards + 1);
    }
  if (!missing.empty()) {
    std::string message = "the parts hold " + std::to_string(size - missing.size()) + " of the sweep's " +
                          std::to_string(size) + " points; missing: " + listed(missing);
    if (!missing_shards.empty())
      message += " (the points of shard " + listed({missing_shards.begin(), missing_shards.end()}) + " of " +
                 std::to_string(shards) + ")";
    diags.error({files[0], 1, 1}, message + "; merge every part's output");
  }
  if (diags.size() != before) return std::nullopt;
  std::sort(whole.points.begin(), whole.points.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.index < b.index; });
  analyze(whole);
  return whole;
}

}  // namespace archsim::whatif
