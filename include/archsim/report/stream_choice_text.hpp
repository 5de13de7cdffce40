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

}  // namespace archsim::report
