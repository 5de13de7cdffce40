// The sentences of findings, from findings built by hand: what each clause
// says follows from the figures in the data, never from a service's name.
#include <doctest/doctest.h>

#include "archsim/report/findings.hpp"

using namespace archsim;

TEST_CASE("findings text: a mode switched by a fix carries the values that go with it") {
  const std::vector<run::ParamMove> moves = {
      {.component = "clicks", .key = "mode", .kind = "choice", .text_from = "on_demand", .text_to = "provisioned"},
      {.component = "clicks", .key = "shards", .kind = "integer", .from = 1, .to = 30}};
  CHECK(report::moves_words(moves) == "mode provisioned instead of on_demand, with shards at 30");
  CHECK(report::set_values(moves) ==
        std::vector<std::string>{"components.clicks.mode=provisioned", "components.clicks.shards=30"});
  // Numbers alone move from today's value.
  const std::vector<run::ParamMove> two = {{.component = "job", .key = "kpu", .kind = "integer", .from = 2, .to = 4},
                                           {.component = "job", .key = "parallelism", .kind = "integer", .from = 2, .to = 4}};
  CHECK(report::moves_words(two) == "kpu from 2 to 4 and parallelism from 2 to 4");
}

TEST_CASE("findings text: a capacity that grows on demand is stated as the most it grows to") {
  run::Bottleneck b{.component = "clicks", .service = "kinesis", .resource = "on-demand write capacity",
                    .kind = "loses_records", .dropped = 10, .peak_in_per_s = 24000, .capacity_per_s = 1e7,
                    .capacity_words = "on demand"};
  b.capacity_grows = true;
  CHECK(report::finding_sentence(b).find("Records arrived at up to 24,000/s against a capacity that grows with the "
                                         "load, up to 10,000,000/s (on demand)") != std::string::npos);
  b.capacity_grows = false;
  CHECK(report::finding_sentence(b).find("against a capacity of 10,000,000/s (on demand)") != std::string::npos);
}
