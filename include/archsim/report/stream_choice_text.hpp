// The paragraph that answers "this stream or that one" (Kinesis or Kafka)
// for two streams fed the same records: its lead line and its points, the
// last of them the answer in a sentence, written once for every format.
#pragma once
#include <string>
#include <vector>

#include "archsim/run/result.hpp"

namespace archsim::report {

struct StreamChoiceParagraph {
  std::string lead;
  std::vector<std::string> items;
};

StreamChoiceParagraph stream_choice_paragraph(const run::StreamChoice& choice);

// The paragraphs laid out: text (the lead, then its points indented),
// Markdown, an HTML section each, and the JSON array `stream_choices`.
std::string stream_choices_text(const std::vector<run::StreamChoice>& choices);
std::string stream_choices_markdown(const std::vector<run::StreamChoice>& choices);
std::string stream_choices_html(const std::vector<run::StreamChoice>& choices);
class JsonWriter;
void stream_choices_json(JsonWriter& w, const std::vector<run::StreamChoice>& choices);

}  // namespace archsim::report
