// The report of `archsim size`: what was chosen against what was written,
// what it costs, what binds it one step less, and how far it was checked.
// One outline (headings, sentences, tables) written as text, Markdown and
// HTML alike, and the same facts as JSON.
#include <cmath>
#include <set>
#include <sstream>

#include "archsim/report/findings.hpp"
#include "archsim/report/human.hpp"
#include "archsim/report/json_writer.hpp"
#include "archsim/report/sizing_reports.hpp"
#include "archsim/report/table.hpp"
#include "archsim/report/text_width.hpp"
#include "archsim/report/whatif_reports.hpp"
#include "html_style.hpp"
#include "sections.hpp"

namespace archsim::report {

namespace {

using whatif::Sizing;

// A block of the outline: a heading, a sentence, a bullet or a table.
struct Block {
  enum Kind { kHeading, kSentence, kBullet, kTable, kCommand } kind;
  std::string text;
  std::optional<Table> table;
};

std::string join(const std::vector<std::string>& items, const std::string& last = " and ") {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? last : ", ";
    out += items[i];
  }
  return out;
}

std::string saving(double before, double after) {
  if (before <= 0 || after >= before) return "";
  return ", " + usd(before - after) + " (" + percent((before - after) / before) + ") less";
}

std::string verdict(const Sizing& s) {
  std::string out;
  if (s.found) {
    out = "The cheapest design found that meets every requirement costs " + usd(s.monthly_after) +
          " a month, against " + usd(s.monthly_before) + " as written" + saving(s.monthly_before, s.monthly_after) +
          ". It met them on all " + std::to_string(s.verified_of) + " seeds it was checked on (" +
          std::to_string(s.seed) + " to " + std::to_string(s.seed + s.verified_of - 1) + ").";
  } else if (s.verified_of > 0 && !s.still_failing.empty()) {
    out = "No design was found that meets every requirement on every seed.";
  } else if (s.verified_of > 0) {
    out = "The best design found costs " + usd(s.monthly_after) + " a month but met the requirements on only " +
          std::to_string(s.verified) + " of " + std::to_string(s.verified_of) +
          " seeds: it is not called a pass. Give the search more budget, or more room by hand.";
  } else {
    out = "No setting of the levers was found that meets the requirements: " + join(s.still_failing) +
          " still fail" + (s.still_failing.size() == 1 ? "s" : "") + " in the last design tried";
    out += s.why_not.empty() ? "." : " (" + s.why_not + ").";
  }
  if (!s.written_meets) out += " The scenario as written does not meet them.";
  return out;
}

// A lever's setting: its component's label where the label changes with
// the lever ("5 shards"), else the values of the parameters it moves
// ("parallelization_factor=5"); `moves` empty: as `now`.
std::string setting(const whatif::SizedLever& l, const std::string& label, const std::vector<run::ParamMove>& moves) {
  if (l.label_tells) return label;
  std::vector<std::string> values;
  for (const auto& v : set_values(moves.empty() ? l.now : moves)) values.push_back(v.substr(v.rfind('.', v.find('=')) + 1));
  return values.empty() ? label : join(values, ", ");
}

std::string written_setting(const whatif::SizedLever& l) {
  std::vector<run::ParamMove> before = l.moves;
  for (auto& m : before) m.to = m.from, m.text_to = m.text_from;
  return setting(l, l.label_before, before);
}

std::string sized_setting(const whatif::SizedLever& l) { return setting(l, l.label_after, l.moves); }
std::string less_setting(const whatif::SizedLever& l) { return setting(l, l.less_label, l.less_moves); }

std::string fails_words(const whatif::SizedLever& l, std::uint64_t seed) {
  std::string out = "fails " + join(l.fails_less);
  if (l.less_seed != seed) out += " on seed " + std::to_string(l.less_seed);
  return out;
}

std::string less_cell(const whatif::SizedLever& l, std::uint64_t seed) {
  if (l.at_least) return l.least_words.empty() ? "the least it goes" : l.least_words;
  if (!l.tried_less) return "not tried";
  const std::string less = less_setting(l);
  if (!l.less_refused.empty()) return less + ": not run (" + l.less_refused + ")";
  if (l.fails_less.empty()) return less + ": meets them too (the search stopped before it)";
  return less + ": " + fails_words(l, seed);
}

// "warehouse alone (adhoc dropped): $4,774.50 a month for the whole design, meets every requirement with 2 x ra3.4xlarge".
std::string alone_words(const whatif::EngineSide& side) {
  const auto& a = side.alone;
  std::string out = side.component + " alone (" + join(a.dropped) + " dropped): ";
  if (a.found) return out + usd(a.monthly_usd) + " a month for the whole design, meets every requirement with " + a.label + ".";
  if (a.ran_out && a.fails.empty()) return out + "not sized: the budget ran out before it.";
  out += (a.ran_out ? "none found before the budget ran out; " : "no setting meets them; ") + join(a.fails) +
         " still fails";
  return out + (a.why_not.empty() ? "." : " (" + a.why_not + ").");
}

std::vector<Block> outline(const Sizing& s) {
  std::vector<Block> out;
  auto sentence = [&](std::string t) { out.push_back({Block::kSentence, std::move(t), {}}); };
  auto heading = [&](std::string t) { out.push_back({Block::kHeading, std::move(t), {}}); };
  auto bullet = [&](std::string t) { out.push_back({Block::kBullet, std::move(t), {}}); };
  sentence(verdict(s));
  if (!s.found)
    for (const auto& e : s.engines)
      for (const auto& side : e.engines)
        if (side.alone.found)
          sentence("With " + side.component + " alone answering " + join(e.sources) + " (" + join(side.alone.dropped) +
                   " dropped), the design meets them for " + usd(side.alone.monthly_usd) + " a month: see the query engines below.");
  if (s.implied_requirements)
    sentence("The scenario states no requirements, so it was sized to lose no record and to keep up with its load.");
  if (s.budget_ran_out)
    sentence("The budget ran out (" + std::to_string(s.runs) + " simulations, " + seconds(s.seconds) +
             "): this is the best found by then, and a larger --budget may find a cheaper one.");

  heading("Levers");
  if (s.levers.empty()) {
    sentence("No lever that moves the bill applies to this design as written.");
  } else {
    Table t({"component", "lever", "as written", "sized", "explain's sizing", "one step less"}, {});
    t.keys(2);
    for (const auto& l : s.levers)
      t.row({l.component, l.lever, written_setting(l), l.moves.empty() ? "as written" : sized_setting(l),
             setting(l, l.label_static, l.static_moves),
             less_cell(l, s.seed)});
    out.push_back({Block::kTable, "", std::move(t)});
    // One per component: two levers of one label (nodes and node type) tell the same story.
    std::set<std::string> told;
    for (const auto& l : s.levers)
      if (l.label_static != l.label_after && !l.fails_less.empty() && !l.moves.empty() && told.insert(l.component).second)
        sentence("Explain's arithmetic fits " + l.component + "'s peak into " +
                 setting(l, l.label_static, l.static_moves) + "; the run needs " + sized_setting(l) +
                 ": with " + less_setting(l) + " it " + fails_words(l, s.seed) +
                 (l.binds_less.empty() ? "." : ", bound by " + l.binds_less + "."));
  }
  if (!s.kept.empty()) sentence("Kept as written: " + join(s.kept) + ".");

  std::vector<std::string> binds;
  for (const auto& l : s.levers) {
    if (l.fails_less.empty() || l.binds_less.empty()) continue;
    binds.push_back(l.component + " at " + sized_setting(l) + ": one step less (" + less_setting(l) + ") " +
                    fails_words(l, s.seed) + ", bound by " + l.binds_less + ".");
  }
  if (!binds.empty()) {
    heading("What binds it");
    for (auto& b : binds) bullet(std::move(b));
  }

  if (!s.requirements.empty()) {
    heading("Requirements, sized design (seed " + std::to_string(s.seed) + ")");
    for (const auto& q : s.requirements) bullet(std::string(q.pass ? "PASS " : "FAIL ") + sections::requirement(q));
  }

  if (!s.headroom.empty()) {
    heading("Headroom at the peak");
    Table t({"component", "service", "busiest at the peak", "limit"}, {2});
    for (const auto& h : s.headroom) t.row({h.component, h.service, percent(h.peak_utilization), h.resource});
    out.push_back({Block::kTable, "", std::move(t)});
  }

  if (!s.runners_up.empty()) {
    heading("Runners-up of another kind");
    for (const auto& r : s.runners_up) {
      std::string line = r.component + " as " + r.label + " (" + r.words + "): ";
      if (!r.simulated) line += "not run" + (r.fails.empty() ? "" : " (" + join(r.fails) + ")");
      else line += usd(r.monthly_usd) + " a month, " + (r.meets ? "meets every requirement" : "fails " + join(r.fails));
      bullet(line + ".");
    }
  }

  for (const auto& e : s.engines) {
    heading("Query engines answering " + join(e.sources));
    const auto& cheap = e.engines.front();
    sentence("Each sized as above, " + cheap.component + " (" + cheap.label + ") answers them for " +
             usd(cheap.monthly_usd) + " a month, " + seconds(cheap.p99_s) + " at the p99; the design needs only one " +
             "of them for these queries.");
    for (std::size_t i = 1; i < e.engines.size(); ++i) {
      const auto& other = e.engines[i];
      bullet(other.component + " (" + other.label + "): " + usd(other.monthly_usd) + " a month, " +
             usd(other.monthly_usd - cheap.monthly_usd) + " more, " + seconds(other.p99_s) + " at the p99.");
    }
    std::vector<std::string> alone;
    for (const auto& side : e.engines)
      if (side.alone.sized) alone.push_back(alone_words(side));
    if (alone.empty()) continue;
    sentence("Each alone, the design without the other sized again from the scenario as written:");
    for (auto& a : alone) bullet(std::move(a));
  }

  if (!s.moves.empty()) {
    heading("To run it");
    std::string sets = "archsim run " + s.file;
    for (const auto& v : set_values(s.moves)) sets += " --set " + (v.find(' ') == std::string::npos ? v : "'" + v + "'");
    out.push_back({Block::kCommand, sets, {}});
  }
  return out;
}

std::string run_line(const Sizing& s) {
  std::ostringstream out;
  out << "seed " << s.seed << " · " << s.runs << " simulations of at most " << s.max_runs;
  if (s.settled_early > 0) out << " (" << s.settled_early << " stopped at a settled failure)";
  out << " · " << seconds(s.seconds) << " of at most " << seconds(s.max_seconds);
  return out.str();
}

std::string title(const Sizing& s) { return "Sizing " + s.name; }

// A list of strings under `key`.
void strings(JsonWriter& w, const std::string& key, const std::vector<std::string>& items) {
  w.begin_array(key);
  for (const auto& item : items) w.value("", item);
  w.end_array();
}

}  // namespace

std::string to_text(const Sizing& s, const TextOptions& options) {
  std::ostringstream out;
  out << title(s) << " (" << s.file << ")\n" << run_line(s) << "\n";
  for (const auto& b : outline(s)) {
    switch (b.kind) {
      case Block::kHeading: out << "\n" << b.text << "\n"; break;
      case Block::kSentence: out << "\n" << b.text << "\n"; break;
      case Block::kBullet: out << "  - " << b.text << "\n"; break;
      case Block::kTable: out << b.table->str("  ", {}, options.width); break;
      case Block::kCommand: out << "  " << b.text << "\n"; break;
    }
  }
  return fit_width(out.str(), options.width);
}

std::string to_markdown(const Sizing& s) {
  std::ostringstream out;
  out << "# " << markdown_escape(title(s)) << "\n\n" << markdown_escape(s.file + " · " + run_line(s)) << "\n";
  Block::Kind last = Block::kHeading;
  for (const auto& b : outline(s)) {
    if (b.kind != Block::kBullet || last != Block::kBullet) out << "\n";
    switch (b.kind) {
      case Block::kHeading: out << "## " << markdown_escape(b.text) << "\n"; break;
      case Block::kSentence: out << markdown_escape(b.text) << "\n"; break;
      case Block::kBullet: out << "- " << markdown_escape(b.text) << "\n"; break;
      case Block::kTable: out << b.table->markdown(); break;
      case Block::kCommand: out << "```\n" << b.text << "\n```\n"; break;
    }
    last = b.kind;
  }
  return out.str();
}

std::string to_html(const Sizing& s) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_escape(title(s)) << " · archsim</title>\n<style>" << kStyle
      << "p.command { font-family: \"DejaVu Sans Mono\", monospace; font-size: 0.8em; overflow-wrap: anywhere; }\n"
      << "</style>\n</head>\n<body>\n<main>\n"
      << "<h1>" << html_escape(title(s)) << "</h1>\n<p class=\"run\">" << html_escape(s.file + " · " + run_line(s))
      << "</p>\n";
  bool in_list = false;
  for (const auto& b : outline(s)) {
    if (in_list && b.kind != Block::kBullet) out << "</ul>\n", in_list = false;
    switch (b.kind) {
      case Block::kHeading: out << "<h2>" << html_escape(b.text) << "</h2>\n"; break;
      case Block::kSentence: out << "<p>" << html_escape(b.text) << "</p>\n"; break;
      case Block::kBullet:
        if (!in_list) out << "<ul>\n", in_list = true;
        out << "<li>" << html_escape(b.text) << "</li>\n";
        break;
      case Block::kTable: out << b.table->html(); break;
      case Block::kCommand: out << "<p class=\"command\">" << html_escape(b.text) << "</p>\n"; break;
    }
  }
  if (in_list) out << "</ul>\n";
  out << "</main>\n</body>\n</html>\n";
  return out.str();
}

std::string to_json(const Sizing& s) {
  JsonWriter w;
  w.begin_object();
  w.value("file", s.file).value("name", s.name).value("seed", static_cast<std::uint64_t>(s.seed));
  w.value("found", s.found).value("implied_requirements", s.implied_requirements);
  w.value("written_meets", s.written_meets);
  w.value("monthly_usd_before", s.monthly_before).value("monthly_usd_after", s.monthly_after);
  w.value("verified", static_cast<std::uint64_t>(s.verified)).value("verified_of", static_cast<std::uint64_t>(s.verified_of));
  w.begin_object("budget")
      .value("simulations", static_cast<std::uint64_t>(s.runs))
      .value("max_simulations", static_cast<std::uint64_t>(s.max_runs))
      .value("settled_early", static_cast<std::uint64_t>(s.settled_early))
      .value("seconds", s.seconds)
      .value("max_seconds", s.max_seconds)
      .value("ran_out", s.budget_ran_out)
      .end_object();
  w.begin_array("levers");
  for (const auto& l : s.levers) {
    w.begin_object().value("component", l.component).value("service", l.service).value("lever", l.lever);
    w.value("as_written", l.label_before).value("sized", l.label_after).value("explains_sizing", l.label_static);
    strings(w, "sets", set_values(l.moves));
    w.begin_object("one_step_less").value("tried", l.tried_less).value("at_least", l.at_least);
    w.value("label", l.less_label).value("refused", l.less_refused).value("bound_by", l.binds_less);
    w.value("seed", static_cast<std::uint64_t>(l.less_seed));
    strings(w, "fails", l.fails_less);
    w.end_object().end_object();
  }
  w.end_array();
  strings(w, "kept", s.kept);
  strings(w, "sets", set_values(s.moves));
  w.begin_array("requirements");
  for (const auto& q : s.requirements)
    w.begin_object().value("name", q.name).value("target", q.target_text).value("scope", q.scope)
        .value("actual", q.actual).value("pass", q.pass).end_object();
  w.end_array();
  w.begin_array("headroom");
  for (const auto& h : s.headroom)
    w.begin_object().value("component", h.component).value("service", h.service).value("resource", h.resource)
        .value("peak_utilization", h.peak_utilization).end_object();
  w.end_array();
  w.begin_array("runners_up");
  for (const auto& r : s.runners_up) {
    w.begin_object().value("component", r.component).value("lever", r.lever).value("label", r.label);
    w.value("simulated", r.simulated).value("meets", r.meets).value("monthly_usd", r.monthly_usd);
    strings(w, "sets", set_values(r.moves));
    strings(w, "fails", r.fails);
    w.end_object();
  }
  w.end_array();
  w.begin_array("query_engines");
  for (const auto& e : s.engines) {
    w.begin_object();
    strings(w, "sources", e.sources);
    w.begin_array("engines");
    for (const auto& g : e.engines) {
      w.begin_object().value("component", g.component).value("service", g.service).value("label", g.label)
          .value("monthly_usd", g.monthly_usd).value("p99_s", g.p99_s);
      if (g.alone.sized) {
        w.begin_object("alone").value("found", g.alone.found).value("budget_ran_out", g.alone.ran_out)
            .value("monthly_usd", g.alone.monthly_usd)
            .value("label", g.alone.label);
        strings(w, "dropped", g.alone.dropped);
        strings(w, "sets", set_values(g.alone.moves));
        strings(w, "fails", g.alone.fails);
        w.value("why_not", g.alone.why_not).end_object();
      }
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array();
  strings(w, "still_failing", s.still_failing);
  w.value("why_not", s.why_not);
  w.end_object();
  return w.str();
}

}  // namespace archsim::report
