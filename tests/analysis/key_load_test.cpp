// What the static view reads from key mixes, against sums made key by key:
// an aggregation's distinct keys per window and the hottest shard of a zipf
// space.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "archsim/analysis/key_load.hpp"
#include "archsim/models/flink/flink_application.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"

using namespace archsim;

TEST_CASE("explain: a window emits the distinct keys of each subtask's records") {
  // 2,000 records a 1 s window over 1,000 equally likely keys on 4 subtasks:
  // about 1,000 (1 - e^-2) = 865 distinct keys, as the whole space has.
  model::KeyMixes mixes;
  const std::uint32_t mix = mixes.add_space({.count = 1000});
  const auto parts = analysis::unit_parts(mixes, mix, &models::FlinkApplication::subtask_of, 4);
  REQUIRE(parts.size() == 4);
  double weights = 0;
  for (const auto& p : parts) weights += p.weight;
  CHECK(weights == doctest::Approx(1));
  const double exact = 1000 * (1 - std::pow(1 - 1.0 / 1000, 2000));
  CHECK(analysis::window_output(mixes, parts, 2000, 1) == doctest::Approx(exact).epsilon(0.005));
  // A 2 s window of the same rate sees 4,000 records: fewer keys a second.
  CHECK(analysis::window_output(mixes, parts, 2000, 2) < 0.6 * exact);
}

TEST_CASE("explain: the hottest shard of a zipf space is the heaviest of its keys' shards") {
  model::KeyMixes mixes;
  const std::uint32_t mix = mixes.add_space({.count = 1000, .zipf = true, .s = 1.1});
  std::vector<double> shard(4, 0.0);
  double norm = 0;
  for (int k = 1; k <= 1000; ++k) norm += std::pow(k, -1.1);
  for (int k = 1; k <= 1000; ++k) shard[models::KinesisStream::shard_of(k - 1, 4)] += std::pow(k, -1.1) / norm;
  const auto hottest = std::max_element(shard.begin(), shard.end());
  const auto hot = analysis::hottest_unit(mixes, {{.source = 0, .share = 1, .mix = mix}}, &models::KinesisStream::shard_of, 4);
  CHECK(hot.unit == static_cast<std::uint64_t>(hottest - shard.begin()));
  CHECK(hot.share == doctest::Approx(*hottest).epsilon(1e-9));
  // Half the records from a space whose keys are spread evenly: the share halves, plus an even quarter of the rest.
  const auto mixed = analysis::hottest_unit(mixes, {{.source = 0, .share = 0.5, .mix = mix}, {.source = 1, .share = 0.5, .mix = 0}},
                                            &models::KinesisStream::shard_of, 4);
  CHECK(mixed.share == doctest::Approx(0.5 * *hottest + 0.125).epsilon(1e-9));
  // The hottest key is key 0, 1 / H(1000, 1.1) of the records.
  const auto key = analysis::hottest_key(mixes, {{.source = 0, .share = 1, .mix = mix}});
  CHECK(key.key == 0);
  CHECK(key.share == doctest::Approx(1 / norm).epsilon(1e-9));
}
