#include <doctest/doctest.h>

#include "archsim/scenario/units.hpp"

using namespace archsim::scenario;

namespace {
double value(const Parsed& p) {
  REQUIRE_MESSAGE(p, p.error);
  return *p.value;
}
}  // namespace

TEST_CASE("units: sizes are decimal for KB..TB and binary for KiB..TiB") {
  CHECK(value(parse_size_bytes("512B")) == 512);
  CHECK(value(parse_size_bytes("1KB")) == 1000);
  CHECK(value(parse_size_bytes("5MB")) == 5e6);
  CHECK(value(parse_size_bytes("2GB")) == 2e9);
  CHECK(value(parse_size_bytes("1TB")) == 1e12);
  CHECK(value(parse_size_bytes("1KiB")) == 1024);
  CHECK(value(parse_size_bytes("4MiB")) == 4 * 1048576.0);
  CHECK(value(parse_size_bytes("1GiB")) == 1073741824.0);
  CHECK(value(parse_size_bytes("1TiB")) == 1099511627776.0);
  CHECK(value(parse_size_bytes("1.5 KB")) == 1500);
}

TEST_CASE("units: durations need a unit") {
  CHECK(value(parse_duration_ns("250ms")) == 250e6);
  CHECK(value(parse_duration_ns("30s")) == 30e9);
  CHECK(value(parse_duration_ns("5m")) == 300e9);
  CHECK(value(parse_duration_ns("5min")) == 300e9);
  CHECK(value(parse_duration_ns("2h")) == 7200e9);
  CHECK(value(parse_duration_ns("1d")) == 86400e9);
  CHECK(value(parse_duration_ns("8us")) == 8000);
  const Parsed bare = parse_duration_ns("60");
  CHECK_FALSE(bare);
  CHECK(bare.error.find("needs a unit") != std::string::npos);
  const Parsed typo = parse_duration_ns("1hr");
  CHECK_FALSE(typo);
  CHECK(typo.error.find("did you mean 'h'?") != std::string::npos);
}

TEST_CASE("units: rates, bandwidths and fractions") {
  CHECK(value(parse_rate_per_s("200/s")) == 200);
  CHECK(value(parse_rate_per_s("12000/min")) == 200);
  CHECK(value(parse_rate_per_s("3/h")) == doctest::Approx(3.0 / 3600));
  CHECK(value(parse_rate_per_s("2000/day")) == doctest::Approx(2000.0 / 86400));
  CHECK(value(parse_rate_per_s("100_000/s")) == 100000);
  CHECK(value(parse_rate_per_s("1e6/s")) == 1e6);
  CHECK_FALSE(parse_rate_per_s("200"));
  const Parsed sec = parse_rate_per_s("200/sec");
  CHECK_FALSE(sec);
  CHECK(sec.error.find("did you mean") != std::string::npos);
  CHECK(value(parse_bandwidth("10MB/s")) == 1e7);
  CHECK(value(parse_bandwidth("1GiB/s")) == 1073741824.0);
  CHECK(value(parse_fraction("25%")) == 0.25);
  CHECK(value(parse_fraction("0.25")) == 0.25);
  CHECK_FALSE(parse_fraction("a lot"));
}

TEST_CASE("units: a wrong-case unit suggests the right one") {
  const Parsed p = parse_size_bytes("1kb");
  CHECK_FALSE(p);
  CHECK(p.error.find("did you mean 'KB'?") != std::string::npos);
  CHECK_FALSE(parse_integer("2.5"));
  CHECK(value(parse_integer("5000000")) == 5e6);
}
