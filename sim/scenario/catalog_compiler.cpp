// Compiles the catalog of AWS limits and prices into C++ at build time:
//   archsim_catalog_compiler CATALOG.yaml NAME OUT.cpp
// checks the YAML as the loader does (every problem as FILE:LINE:COL, and the
// build stops), then writes builtin_catalog() as the entries' data, so that
// no run parses the catalog when it starts. NAME is how the entries' positions
// name the file (models/catalog/aws-us-east-1.yaml).
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "archsim/scenario/catalog_loader.hpp"

namespace {

using archsim::model::CatalogEntry;

// A C++ string literal of `s`: quotes, backslashes and control characters
// escaped (octal, which cannot run into the next character); UTF-8 as it is.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\%03o", u);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Exactly the double the loader read: 17 significant digits round-trip.
std::string number(double x) {
  if (std::isinf(x)) return x > 0 ? "kInfinity" : "-kInfinity";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

void write_entry(std::ostream& out, const CatalogEntry& e) {
  out << "    {.id = " << literal(e.id) << ", .value = " << number(e.value) << ", .unit = " << literal(e.unit)
      << ",\n     .what = " << literal(e.what) << ",\n     .status = S::" << archsim::model::to_string(e.status)
      << ", .sources = {";
  for (const auto& s : e.sources)
    out << "{" << literal(s.key) << ", " << literal(s.document) << ", " << literal(s.date) << "}, ";
  out << "},\n     .note = " << literal(e.note) << ",\n     .tiers = {";
  for (const auto& t : e.tiers) out << "{" << number(t.up_to) << ", " << number(t.price) << "}, ";
  out << "}, .tier_unit = " << literal(e.tier_unit) << ", .loc = {kFile, " << e.loc.line << ", " << e.loc.col
      << "}},\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: archsim_catalog_compiler CATALOG.yaml NAME OUT.cpp\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": error: cannot read the catalog\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  archsim::scenario::Diagnostics diags;
  const auto catalog = archsim::scenario::load_catalog_text(text.str(), argv[2], diags);
  if (!catalog) {
    for (const auto& d : diags.sorted()) std::cerr << d.format() << "\n";
    return 1;
  }
  std::ostringstream out;
  out << "// Generated from " << argv[2] << " by sim/scenario/catalog_compiler.cpp; edit the YAML.\n"
      << "#include <limits>\n#include <utility>\n#include <vector>\n\n"
      << "#include \"archsim/scenario/catalog_loader.hpp\"\n\n"
      << "namespace archsim::scenario {\n\nnamespace {\n"
      << "constexpr const char* kFile = " << literal(argv[2]) << ";\n"
      << "[[maybe_unused]] constexpr double kInfinity = std::numeric_limits<double>::infinity();\n\n"
      << "std::vector<model::CatalogEntry> entries() {\n"
      << "  using S = model::CatalogStatus;  // its enumerators are named as to_string() spells them\n"
      << "  std::vector<model::CatalogEntry> e{\n";
  for (const CatalogEntry& e : catalog->entries()) write_entry(out, e);
  out << "  };\n  return e;\n}\n}  // namespace\n\n"
      << "const model::Catalog& builtin_catalog() {\n"
      << "  static const model::Catalog catalog(entries(), " << literal(catalog->region()) << ");\n"
      << "  return catalog;\n}\n\n}  // namespace archsim::scenario\n";
  std::ofstream file(argv[3], std::ios::binary);
  file << out.str();
  return file ? 0 : 2;
}
