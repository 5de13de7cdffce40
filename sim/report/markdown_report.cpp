// The text summary in GitHub-flavoured Markdown: the same sentences and
// tables (sections.hpp), with headings, and every piece of text escaped so
// that names, paths and targets show as written.
#include <sstream>

#include "archsim/report/stream_choice_text.hpp"
#include "archsim/report/findings.hpp"
#include "archsim/report/reports.hpp"
#include "sections.hpp"

namespace archsim::report {

namespace {

// The Redshift-or-Athena paragraph: its first line as a paragraph, the
// indented lines after it as a list.
void query_engines(std::ostream& out, const run::QueryEngineComparison& q) {
  const auto p = sections::query_engines(q);
  out << "\n" << markdown_escape(p.lead) << "\n\n";
  for (const auto& item : p.items) out << "- " << markdown_escape(item) << "\n";
}

}  // namespace

std::string to_markdown(const run::RunResult& r) {
  using namespace sections;
  std::ostringstream out;
  out << "# " << markdown_escape(r.name) << "\n\n";
  out << markdown_escape(run_line(r)) << "\n\n";
  if (!r.story.empty()) {
    const scenario::Story& story = r.story;
    out << "## Story\n\n";
    if (!story.prompt.empty()) out << markdown_escape(story.prompt) << "\n\n";
    if (!story.look_at.empty()) out << "Look at:\n\n";
    for (const auto& l : story.look_at) out << "- " << markdown_escape(l) << "\n";
    if (!story.look_at.empty()) out << "\n";
    if (!story.questions.empty()) out << "Questions" << (story_answers(story).empty() ? "" : " (predict first; the answers are at the end)") << ":\n\n";
    for (std::size_t i = 0; i < story.questions.size(); ++i)
      out << i + 1 << ". " << markdown_escape(story.questions[i].ask) << "\n";
    if (!story.questions.empty()) out << "\n";
  }

  out << "## " << kVerdictTitle << "\n\n";
  for (const auto& line : verdict_lines(r)) out << "- " << markdown_escape(line) << "\n";
  out << "\n";

  out << "## Records\n\n";
  out << markdown_escape(records_line(r)) << "<br>\n" << markdown_escape(throughput_line(r)) << "\n\n";
  if (!r.faults.empty()) {
    out << "## " << kFaultsTitle << "\n\n" << markdown_escape(sentence(kFaultsNote)) << "\n\n";
    for (const auto& f : r.faults) out << "- " << markdown_escape(fault_sentence(f)) << "\n";
    out << "\n";
  }

  out << "## " << kComponentsTitle << "\n\n" << markdown_escape(sentence(kComponentsNote)) << "\n\n";
  out << components(r).markdown() << "\n";

  out << "## " << kPathsTitle << "\n\n" << markdown_escape(sentence(kPathsNote)) << "\n\n";
  out << paths(r).markdown();
  if (has_readers(r))
    out << "\n## " << kReadersTitle << "\n\n" << markdown_escape(sentence(kReadersNote)) << "\n\n" << readers(r).markdown();
  if (has_sizes(r))
    out << "\n## " << kSizesTitle << "\n\n" << markdown_escape(sentence(kSizesNote)) << "\n\n" << sizes(r).markdown();
  if (!r.time_by_path.empty())
    out << "\n## " << kTimeTitle << "\n\n" << markdown_escape(sentence(kTimeNote)) << "\n\n" << time_by_path(r).markdown();

  if (!r.requirements.empty()) {
    out << "\n## Requirements\n\n";
    for (const auto& q : r.requirements)
      out << "- **" << (q.pass ? "PASS" : "FAIL") << "** " << markdown_escape(requirement(q)) << "\n";
  }
  if (!r.requirements_without_faults.empty()) {
    out << "\n## " << kWithoutFaultsTitle << "\n\n";
    for (const auto& q : r.requirements_without_faults)
      out << "- **" << (q.pass ? "PASS" : "FAIL") << "** " << markdown_escape(requirement(q)) << "\n";
  }
  if (!r.bottlenecks.empty()) {
    out << "\n## " << markdown_escape(kBottlenecksTitle) << "\n\n";
    for (const auto& b : r.bottlenecks) {
      out << "1. " << markdown_escape(finding_sentence(b)) << "\n";
      const std::string fix = fix_sentence(b);
      if (!fix.empty()) out << "   *Try:* " << markdown_escape(fix) << "\n";
    }
  }
  if (!r.tradeoffs.empty()) {
    out << "\n## " << markdown_escape(kTradeoffsTitle) << "\n\n";
    for (const auto& t : r.tradeoffs) out << "- " << markdown_escape(tradeoff_sentence(t)) << "\n";
  }
  if (const auto left_out = tradeoffs_left_out_sentence(r); !left_out.empty())
    out << "\n" << markdown_escape(left_out) << "\n";
  for (const auto& q : r.query_engines) query_engines(out, q);
  out << stream_choices_markdown(r.stream_choices);
  out << "\n## Cost\n\n" << markdown_escape(cost_line(r)) << "\n";
  for (const auto& p : r.partial_cycles) out << "\n" << markdown_escape(partial_cycle_sentence(p)) << "\n";
  if (const auto billed = billed_lines(r); !billed.empty()) {
    out << "\n" << markdown_escape(kBilledTitle) << ":\n\n";
    for (const auto& line : billed) out << "- " << markdown_escape(line) << "\n";
  }
  if (const auto answers = story_answers(r.story); !answers.empty()) {
    out << "\n## " << kAnswersTitle << "\n\n";
    for (std::size_t i = 0; i < r.story.questions.size(); ++i)
      if (!r.story.questions[i].answer.empty())
        out << i + 1 << ". " << markdown_escape(r.story.questions[i].answer) << "\n";
  }
  return out.str();
}

}  // namespace archsim::report
