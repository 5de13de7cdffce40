// A plain-text table whose columns size themselves to their widest cell, for
// terminal reports. Numbers read best right-aligned, words left-aligned.
#pragma once
#include <set>
#include <string>
#include <vector>

namespace archsim::report {

class Table {
 public:
  Table(std::vector<std::string> header, std::set<std::size_t> right_aligned)
      : right_(std::move(right_aligned)) {
    rows_.push_back(std::move(header));
  }
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // Each row on its own line after `indent`, columns two spaces apart.
  std::string str(const std::string& indent = "  ") const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::set<std::size_t> right_;
};

}  // namespace archsim::report
