// A grade as sentences and rows, written once (grade_sentences.cpp) and laid
// out by each format (grade_report.cpp).
#pragma once
#include <string>
#include <vector>

#include "archsim/whatif/grade.hpp"

namespace archsim::report {

struct GradeView {
  std::string headline, run_line;
  bool rubric = true;  // graded against a challenge; without one, predictions checked
  struct Section {
    std::string title, points;
    std::vector<std::string> lines;  // a line starting with two spaces belongs to the one above
  };
  std::vector<Section> sections;  // one per rubric dimension
  struct FollowUpView {
    std::string ask;
    std::vector<std::string> lines;
  };
  std::vector<FollowUpView> follow_ups;
  struct EstimateRow {
    std::string label, yours, simulated;
    bool within = false;
    std::string gap;
  };
  std::vector<EstimateRow> estimates;
};

GradeView grade_view(const whatif::Grade& grade);
std::string estimate_label(const scenario::Estimate& estimate);
std::string estimate_gap(const analysis::EstimateCheck& check);
std::string estimate_tolerance(const analysis::EstimateCheck& check);

}  // namespace archsim::report
