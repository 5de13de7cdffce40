// The usage each AWS model reports (components.NAME.usage in the result) must
// agree with what the other models and the accounting saw.
#include <doctest/doctest.h>

#include "support/run_command.hpp"
#include "support/simulate.hpp"

using namespace archsim;

namespace {
double usage(const run::ComponentResult& c, const std::string& name) {
  for (const auto& [key, value] : c.usage)
    if (key == name) return value;
  FAIL("no usage '" << name << "' in " << c.name);
  return 0;
}
}  // namespace

TEST_CASE("usage: Firehose flushes are S3 objects, Kinesis bills a payload unit per small record") {
  const auto r = testing::simulate_text(
      testing::slurp(std::string(ARCHSIM_SOURCE_DIR) + "/scenarios/order-stream-basics.yaml"), {"duration=3m"});
  const auto& stream = testing::component(r, "order_stream");
  const auto& archive = testing::component(r, "archive");
  const auto& lake = testing::component(r, "lake");
  const auto& table = testing::component(r, "stock_table");
  CHECK(usage(archive, "flushes") > 0);
  CHECK(usage(archive, "flushes") == usage(lake, "objects_written"));
  // Orders of 600 B to 1,400 B: one 25 KiB payload unit each, for every record the stream accepted.
  CHECK(usage(stream, "put_payload_units") == static_cast<double>(stream.records_in - stream.dropped));
  // 3,000 WCU and 500 RCU: ceil(3,000 / 1,000 + 500 / 3,000) = 4 partitions.
  CHECK(usage(table, "partitions") == 4);
  // Each 600 B to 1,400 B item takes one or two 1 KB write units.
  const double written = static_cast<double>(table.records_out + table.in_flight);
  CHECK(usage(table, "write_units_consumed") >= written);
  CHECK(usage(table, "write_units_consumed") <= 2 * written);
}
