#include "archsim/whatif/sweep_grid.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "archsim/report/human.hpp"

namespace archsim::whatif {

namespace {

const char* kForms = "a list (4,8,16), a linear range (1..8+1) or a geometric one (4..64*2)";

// A number and the unit written after it: "100/s" is 100 in "/s". A range
// keeps its ends' unit, so the number is all it computes with.
struct Quantity {
  double number = 0;
  std::string unit;
  bool integer = false;  // written without a decimal point or exponent
};

bool digit(char c) { return c >= '0' && c <= '9'; }

std::optional<Quantity> split_quantity(const std::string& s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  if (i < n && s[i] == '-') ++i;
  bool digits = false, integer = true;
  while (i < n && digit(s[i])) ++i, digits = true;
  if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] == '.')) {
    integer = false;
    ++i;
    while (i < n && digit(s[i])) ++i, digits = true;
  }
  if (!digits) return std::nullopt;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < n && digit(s[j])) {
      while (j < n && digit(s[j])) ++j;
      i = j;
      integer = false;
    }
  }
  Quantity q;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + i, q.number);
  if (ec != std::errc() || end != s.data() + i || !std::isfinite(q.number)) return std::nullopt;
  q.unit = s.substr(i);
  q.integer = integer;
  return q;
}

// A count past what a sweep allows, which may be past any integer type.
std::string many(double n) {
  if (n < 1e18) return report::count(static_cast<std::uint64_t>(n));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", n);
  return buf;
}

std::string unit_name(const std::string& unit) { return unit.empty() ? "no unit" : "'" + unit + "'"; }

// The text of a computed value, in the range's unit. Twelve significant
// digits hide the floating error of A + i * STEP (0.30000000000000004).
std::string value_text(double v, bool integer, const std::string& unit) {
  if (integer) return std::to_string(std::llround(v)) + unit;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf + unit;
}

// The pieces of KEY=VALUES with the column (from 1) each starts at.
struct Piece {
  std::string text;
  int col = 0;
};

// Splits a list at its top-level commas: a value in flow syntax
// ({count: 10, dist: zipf}) or in quotes keeps its own commas.
std::vector<Piece> split_list(const std::string& s, int col) {
  std::vector<Piece> out;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ',';
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '{' || c == '[') ++depth;
    else if ((c == '}' || c == ']') && depth > 0) --depth;
    else if (c == ',' && (depth == 0 || i == s.size())) {
      // "4, 8, 16" is 4, 8 and 16: the spaces after the commas are no part of a value.
      std::size_t first = start, last = i;
      while (first < last && (s[first] == ' ' || s[first] == '\t')) ++first;
      while (last > first && (s[last - 1] == ' ' || s[last - 1] == '\t')) --last;
      if (first == last) first = last = start;  // an empty value is where its spaces are
      out.push_back({s.substr(first, last - first), col + static_cast<int>(first)});
      start = i + 1;
    }
  }
  return out;
}

class VaryParser {
 public:
  VaryParser(int index, scenario::Diagnostics& diags) : index_(index), diags_(diags) {}

  std::optional<SweepParameter> parse(const std::string& argument) {
    const auto eq = argument.find('=');
    if (eq == std::string::npos || eq == 0)
      return fail(1, "'" + argument + "' is not KEY=VALUES; write, for example, " +
                         "--vary components.events_stream.shards=4..64*2");
    SweepParameter p;
    p.key = argument.substr(0, eq);
    p.values_text = argument.substr(eq + 1);
    p.values_col = static_cast<int>(eq) + 2;
    if (p.values_text.empty()) return fail(p.values_col, std::string("no values after '='; write ") + kForms);
    const auto dots = p.values_text.find("..");
    const auto items = split_list(p.values_text, p.values_col);
    if (dots != std::string::npos && items.size() == 1) {
      if (!range(p)) return std::nullopt;
    } else if (!list(p, items)) {
      return std::nullopt;
    }
    return p;
  }

 private:
  std::nullopt_t fail(int col, const std::string& message) {
    diags_.error({"--vary", index_, col}, message);
    return std::nullopt;
  }

  bool list(SweepParameter& p, const std::vector<Piece>& items) {
    std::set<std::string> seen;
    p.kind = ValuesKind::kList;
    p.numeric = true;
    for (const auto& item : items) {
      if (item.text.empty()) return fail(item.col, std::string("empty value in the list; write ") + kForms), false;
      if (item.text.find("..") != std::string::npos && split_quantity(item.text))
        return fail(item.col, "a range cannot be one item of a list; write either a list (4,8,16) or one range "
                              "(4..64*2)"),
               false;
      if (!seen.insert(item.text).second) return fail(item.col, "'" + item.text + "' is listed twice"), false;
      const auto q = split_quantity(item.text);
      if (!q || (!p.values.empty() && q->unit != p.unit)) p.numeric = false;
      if (q && p.values.empty()) p.unit = q->unit;
      p.values.push_back({item.text, q ? q->number : 0, item.col});
    }
    if (!p.numeric) {
      p.unit.clear();
      for (auto& v : p.values) v.x = 0;
    }
    return true;
  }

  // A..B+STEP or A..B*FACTOR.
  bool range(SweepParameter& p) {
    const std::string& s = p.values_text;
    const int col = p.values_col;
    const auto dots = s.find("..");
    const std::string a_text = s.substr(0, dots);
    const std::string rest = s.substr(dots + 2);
    const int b_col = col + static_cast<int>(dots) + 2;
    const auto a = split_quantity(a_text);
    if (!a) return fail(col, "'" + a_text + "' is not a number; a range is A..B+STEP or A..B*FACTOR, e.g. 4..64*2"), false;
    const auto b_number = split_quantity(rest);
    if (!b_number)
      return fail(b_col, "'" + rest + "' does not start with a number; a range is A..B+STEP or A..B*FACTOR, e.g. " +
                             a_text + ".." + a_text + "0*2"),
             false;
    // B's unit runs to the operator: units hold neither '+' nor '*'.
    const std::string& after_b = b_number->unit;
    const auto op_at = after_b.find_first_of("+*");
    if (op_at == std::string::npos) {
      const std::string ends = a_text + ".." + rest;
      return fail(col, "'" + ends + "' has no step: write " + ends + "+STEP (linear, e.g. +" + (a->unit.empty() ? "1" : "1" + a->unit) +
                           ") or " + ends + "*FACTOR (geometric, e.g. *2)"),
             false;
    }
    Quantity b = *b_number;
    b.unit = after_b.substr(0, op_at);
    const char op = after_b[op_at];
    const std::string step_text = after_b.substr(op_at + 1);
    const int op_col = b_col + static_cast<int>(rest.size() - after_b.size() + op_at);
    const int step_col = op_col + 1;
    if (b.unit != a->unit)
      return fail(b_col, "the range ends in " + unit_name(b.unit) + " but starts in " + unit_name(a->unit) +
                             "; write both ends (and the step) in one unit, e.g. 100/s..1000/s+100/s"),
             false;
    const auto step = split_quantity(step_text);
    const bool geometric = op == '*';
    const char* step_name = geometric ? "factor" : "step";
    if (!step)
      return fail(step_col, std::string("the ") + step_name + " '" + step_text + "' is not a number; e.g. " +
                                (geometric ? "4..64*2" : "1..8+1")),
             false;
    if (geometric && !step->unit.empty())
      return fail(step_col, "the factor is a plain number, without a unit; e.g. 4..64*2"), false;
    if (!geometric && !step->unit.empty() && step->unit != a->unit)
      return fail(step_col, "the step is in " + unit_name(step->unit) + " but the range in " + unit_name(a->unit) +
                                "; write the step in the range's unit"),
             false;
    if (b.number < a->number)
      return fail(b_col, "the range ends at " + rest.substr(0, rest.size() - after_b.size() + op_at) +
                             ", before it starts at " + a_text + "; write the smaller end first"),
             false;
    p.numeric = true;
    p.unit = a->unit;
    if (geometric) return geometric_values(p, *a, b, *step, col, step_col);
    return linear_values(p, *a, b, *step, col, step_col);
  }

  bool too_many(double count, int col) {
    if (count <= static_cast<double>(kMaxSweepValues)) return false;
    fail(col, "the range has " + many(count) + " values, more than " + report::count(kMaxSweepValues) +
                  "; take a larger step");
    return true;
  }

  bool linear_values(SweepParameter& p, const Quantity& a, const Quantity& b, const Quantity& step, int col,
                     int step_col) {
    p.kind = ValuesKind::kLinear;
    if (!(step.number > 0)) return fail(step_col, "the step must be more than 0; e.g. 1..8+1"), false;
    // B counts as reached when within a billionth of a step of it.
    const double steps = std::floor((b.number - a.number) / step.number + 1e-9);
    if (too_many(steps + 1, col)) return false;
    const bool integer = a.integer && b.integer && step.integer;
    const auto n = static_cast<std::size_t>(steps) + 1;
    for (std::size_t i = 0; i < n; ++i) {
      double v = a.number + static_cast<double>(i) * step.number;
      if (std::abs(v - b.number) <= 1e-9 * step.number) v = b.number;
      p.values.push_back({value_text(v, integer, p.unit), v, col});
    }
    return true;
  }

  bool geometric_values(SweepParameter& p, const Quantity& a, const Quantity& b, const Quantity& factor, int col,
                        int step_col) {
    p.kind = ValuesKind::kGeometric;
    if (!(a.number > 0)) return fail(col, "a geometric range starts above 0; e.g. 4..64*2"), false;
    if (!(factor.number > 1)) return fail(step_col, "the factor must be more than 1; e.g. 4..64*2"), false;
    const double steps = std::floor(std::log(b.number / a.number) / std::log(factor.number) + 1e-9);
    if (too_many(steps + 1, col)) return false;
    const bool integer = a.integer && factor.integer;
    const auto n = static_cast<std::size_t>(steps) + 1;
    double v = a.number;
    for (std::size_t i = 0; i < n; ++i, v *= factor.number) {
      const double shown = std::abs(v - b.number) <= 1e-9 * b.number ? b.number : v;
      p.values.push_back({value_text(shown, integer, p.unit), shown, col});
    }
    return true;
  }

  int index_;
  scenario::Diagnostics& diags_;
};

std::string key_of(const std::string& assignment) { return assignment.substr(0, assignment.find('=')); }

}  // namespace

const char* values_kind_name(ValuesKind kind) {
  switch (kind) {
    case ValuesKind::kLinear: return "linear";
    case ValuesKind::kGeometric: return "geometric";
    case ValuesKind::kList: break;
  }
  return "list";
}

std::optional<SweepParameter> parse_vary(const std::string& argument, int index, scenario::Diagnostics& diags) {
  return VaryParser(index, diags).parse(argument);
}

std::size_t SweepGrid::size() const {
  std::size_t n = designs.size();
  for (const auto& p : parameters) n *= p.values.size();
  return n;
}

GridPoint SweepGrid::point(std::size_t index) const {
  GridPoint g;
  g.index = index;
  g.values.resize(parameters.size());
  std::size_t rest = index;
  for (std::size_t i = parameters.size(); i-- > 0;) {
    g.values[i] = rest % parameters[i].values.size();
    rest /= parameters[i].values.size();
  }
  g.design = rest;
  return g;
}

std::vector<std::string> SweepGrid::assignments(const GridPoint& point) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < parameters.size(); ++i)
    out.push_back(parameters[i].key + "=" + parameters[i].values[point.values[i]].text);
  return out;
}

void check_grid(const SweepGrid& grid, std::size_t vary_count, const std::vector<std::string>& sets,
                scenario::Diagnostics& diags) {
  if (vary_count > 2)
    diags.error({"--vary", 3, 1}, "a sweep varies one or two parameters; sweep more with several sweeps, or "
                                  "list the combinations as designs (several FILEs)");
  for (std::size_t i = 0; i < grid.designs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (grid.designs[j] == grid.designs[i])
        diags.error({grid.designs[i], 1, 1}, "this design is given twice; each FILE is one design (one line)");
  if (grid.parameters.size() != vary_count) return;  // the others' problems are reported
  for (std::size_t i = 0; i < grid.parameters.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const auto& key = grid.parameters[i].key;
    // Every point runs on the replications' seeds S .. S+N-1 (common random
    // numbers), which would overwrite a varied seed without a word.
    if (key == "seed")
      diags.error({"--vary", index, 1}, "the seed is not a parameter to sweep: every point runs the same seeds, S to "
                                        "S+N-1; ask for more seeds with --replications N, or other ones with --seed S");
    for (std::size_t j = 0; j < i; ++j)
      if (grid.parameters[j].key == key)
        diags.error({"--vary", index, 1}, "'" + key + "' is varied twice (by --vary " + std::to_string(j + 1) +
                                              " too); give each parameter once");
    for (std::size_t s = 0; s < sets.size(); ++s)
      if (key_of(sets[s]) == key)
        diags.error({"--vary", index, 1}, "'" + key + "' is varied here and fixed by --set " + std::to_string(s + 1) +
                                              "; drop one of them");
  }
  double points = static_cast<double>(grid.designs.size());
  for (const auto& p : grid.parameters) points *= static_cast<double>(p.values.size());
  if (points > static_cast<double>(kMaxSweepPoints) && !grid.parameters.empty())
    diags.error({"--vary", static_cast<int>(grid.parameters.size()), grid.parameters.back().values_col},
                "the grid has " + many(points) + " points (designs x values), more than " +
                    report::count(kMaxSweepPoints) + "; take fewer values");
}

std::optional<Shard> parse_shard(const std::string& text, std::string& error) {
  const auto slash = text.find('/');
  auto whole = [](const std::string& s, std::size_t& out) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::stoul(s);
    return true;
  };
  Shard shard;
  if (slash == std::string::npos || !whole(text.substr(0, slash), shard.k) || !whole(text.substr(slash + 1), shard.n) ||
      shard.k < 1 || shard.k > shard.n) {
    error = "'" + text + "' is not K/N with 1 <= K <= N; e.g. --shard 3/8 runs the third of eight parts";
    return std::nullopt;
  }
  return shard;
}

std::vector<std::size_t> shard_points(std::size_t size, const Shard& shard) {
  std::vector<std::size_t> out;
  for (std::size_t i = shard.k - 1; i < size; i += shard.n) out.push_back(i);
  return out;
}

}  // namespace archsim::whatif
