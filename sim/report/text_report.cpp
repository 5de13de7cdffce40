// The terminal summary: what happened to the records, how busy each component
// was, how long records took, whether the requirements hold, what it costs.
#include <sstream>

#include "archsim/report/stream_choice_text.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/report/query_engine_text.hpp"
#include "archsim/report/reports.hpp"
#include "archsim/report/text_width.hpp"
#include "sections.hpp"

namespace archsim::report {

namespace {

// ANSI SGR colours, used only when TextOptions::colour says so.
std::string red(const std::string& s) { return "\x1b[31m" + s + "\x1b[0m"; }
std::string green(const std::string& s) { return "\x1b[32m" + s + "\x1b[0m"; }

}  // namespace

std::string to_text(const run::RunResult& r, const TextOptions& options) {
  using namespace sections;
  const bool colour = options.colour;
  std::ostringstream out;
  out << r.name << "\n";
  out << "  " << run_line(r) << "\n\n";
  if (!r.story.empty()) {
    out << "Story\n";
    for (const auto& line : story_lines(r.story)) out << "  " << line << "\n";
    out << "\n";
  }

  out << kVerdictTitle << "\n";
  for (const auto& line : verdict_lines(r)) out << "  " << line << "\n";
  out << "\n";

  out << "Records\n";
  out << "  " << records_line(r, colour ? red : unmarked) << "\n";
  out << "  " << throughput_line(r) << "\n\n";

  if (!r.faults.empty()) {
    out << kFaultsTitle << " (" << kFaultsNote << ")\n";
    for (const auto& f : r.faults) out << "  - " << fault_sentence(f) << "\n";
    out << "\n";
  }

  out << kComponentsTitle << " (" << kComponentsNote << ")\n";
  Table::Paint paint;
  if (colour)
    paint = [](std::size_t row, std::size_t column, const std::string& cell) {
      return row > 0 && column == kDroppedColumn && cell != "0" ? red(cell) : cell;
    };
  out << components(r).str("  ", paint, options.width) << "\n";

  out << kPathsTitle << " (" << kPathsNote << ")\n";
  out << paths(r).str("  ", {}, options.width);
  if (has_readers(r)) out << "\n" << kReadersTitle << " (" << kReadersNote << ")\n" << readers(r).str("  ", {}, options.width);
  if (has_sizes(r)) out << "\n" << kSizesTitle << " (" << kSizesNote << ")\n" << sizes(r).str("  ", {}, options.width);
  if (!r.time_by_path.empty()) out << "\n" << kTimeTitle << " (" << kTimeNote << ")\n" << time_by_path(r).str("  ", {}, options.width);

  if (!r.requirements.empty()) {
    out << "\nRequirements\n";
    for (const auto& q : r.requirements) {
      const std::string verdict = q.pass ? "PASS" : "FAIL";
      out << "  " << (colour ? (q.pass ? green : red)(verdict) : verdict) << " " << requirement(q) << "\n";
    }
  }
  if (!r.requirements_without_faults.empty()) {
    out << "\n" << kWithoutFaultsTitle << "\n";
    for (const auto& q : r.requirements_without_faults) {
      const std::string verdict = q.pass ? "PASS" : "FAIL";
      out << "  " << (colour ? (q.pass ? green : red)(verdict) : verdict) << " " << requirement(q) << "\n";
    }
  }
  if (!r.bottlenecks.empty()) {
    out << "\n" << kBottlenecksTitle << "\n";
    for (std::size_t i = 0; i < r.bottlenecks.size(); ++i) {
      const auto& b = r.bottlenecks[i];
      out << "  " << i + 1 << ". " << finding_sentence(b) << "\n";
      const std::string fix = fix_sentence(b);
      if (!fix.empty()) out << "     Try: " << fix << "\n";
    }
  }
  if (!r.tradeoffs.empty()) {
    out << "\n" << kTradeoffsTitle << "\n";
    for (const auto& t : r.tradeoffs) out << "  - " << tradeoff_sentence(t) << "\n";
  }
  if (const auto left_out = tradeoffs_left_out_sentence(r); !left_out.empty()) out << "  " << left_out << "\n";
  for (const auto& q : r.query_engines) out << "\n" << query_engine_text(q);
  out << stream_choices_text(r.stream_choices);
  if (const auto billed = billed_lines(r); !billed.empty()) {
    out << "\n" << kBilledTitle << "\n";
    for (const auto& line : billed) out << "  " << line << "\n";
  }
  out << "\nCost: " << cost_line(r) << "\n";
  for (const auto& p : r.partial_cycles) out << "  " << partial_cycle_sentence(p) << "\n";
  if (const auto answers = story_answers(r.story); !answers.empty()) {
    out << "\n" << kAnswersTitle << "\n";
    for (const auto& line : answers) out << "  " << line << "\n";
  }
  return fit_width(out.str(), options.width);
}

}  // namespace archsim::report
