// The arithmetic the static figures share, against closed forms: M/M/c/K's
// loss against Erlang's B and the M/M/1/K formula, a burst taken on credit
// against hand arithmetic, and the records of a load over time.
#include <doctest/doctest.h>

#include <cmath>

#include "archsim/model/static_figures.hpp"
#include "validation/queueing_formulas.hpp"

using namespace archsim;

TEST_CASE("static figures: M/M/c/K loss is Erlang's B without a waiting room, and M/M/1/K's closed form") {
  CHECK(model::mmck_blocking(10, 8, 0) == doctest::Approx(validation::erlang_b(10, 8)).epsilon(1e-12));
  CHECK(model::mmck_blocking(200, 180, 0) == doctest::Approx(validation::erlang_b(200, 180)).epsilon(1e-9));
  // One server, room for K - 1 more: P_K = (1 - rho) rho^K / (1 - rho^(K + 1)).
  const double rho = 0.9;
  const int k = 5;
  CHECK(model::mmck_blocking(1, rho, k - 1) ==
        doctest::Approx((1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1))).epsilon(1e-12));
  // No bound on the queue: nothing is lost below capacity, the excess above it.
  CHECK(model::mmck_blocking(4, 3, model::kUnbounded) == 0);
  CHECK(model::mmck_blocking(4, 8, model::kUnbounded) == doctest::Approx(0.5));
}

TEST_CASE("static figures: a burst is taken at the burst rate while credit lasts, then at the sustained rate") {
  // 2,000/s sustained, 3,000/s on credit worth 100,000 records beyond it:
  // the credit lasts 100,000 / 1,000 = 100 s, taking 300,000 records.
  const model::Absorb a{.capacity = 2000, .burst_capacity = 3000, .burst_records = 100'000};
  CHECK(a.seconds_for(150'000) == doctest::Approx(50));
  CHECK(a.seconds_for(500'000) == doctest::Approx(100 + 200'000 / 2000.0));
  CHECK(model::Absorb{.capacity = 100}.seconds_for(1000) == doctest::Approx(10));
  CHECK(model::Absorb{}.seconds_for(1e9) == 0);  // unbounded
}

TEST_CASE("static figures: the records of a load over time, even within each interval") {
  const model::LoadOverTime load{.starts_s = {0, 10, 30}, .records_per_s = {5, 1, 2}, .end_s = 40};
  CHECK(load.length_s(2) == doctest::Approx(10));
  CHECK(load.records_between(0, 40) == doctest::Approx(50 + 20 + 20));
  CHECK(load.records_between(5, 15) == doctest::Approx(25 + 5));
}
