// Schedules and times of day written the way people and other tools write
// them, and the form archsim reads that an error message suggests.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "archsim/scenario/loader.hpp"
#include "archsim/scenario/schedule_words.hpp"

using namespace archsim;

TEST_CASE("schedule words: times of day in words become HH:MM") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2am", "02:00"}, {"2 AM", "02:00"}, {"12am", "00:00"}, {"12pm", "12:00"}, {"6:30pm", "18:30"},
      {"6.30 p.m.", "18:30"}, {"14h", "14:00"}, {"7", "07:00"}, {"9:05", "09:05"},
      // Not a time of day: nothing to suggest.
      {"13pm", ""}, {"25:00", ""}, {"noonish", ""}, {"0am", ""}, {"10:75", ""}};
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(scenario::suggested_time_of_day(text) == expected);
  }
  CHECK(scenario::did_you_mean_time_of_day("6am") == "; did you mean \"06:00\"?");
  CHECK(scenario::did_you_mean_time_of_day("06:00").empty());  // already the form: nothing to add
}

TEST_CASE("schedule words: schedules in words, cron and EventBridge become archsim's forms") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"daily 2am", "daily at 02:00"},
      {"daily at 2am", "daily at 02:00"},
      {"nightly at 1:30am", "daily at 01:30"},
      {"every day at 6pm", "daily at 18:00"},
      {"at 3am daily", "daily at 03:00"},
      {"hourly", "every 1h"},
      {"every hour", "every 1h"},
      {"every 30 minutes", "every 30m"},
      {"every 2 hours", "every 2h"},
      {"every 15min", "every 15m"},
      {"rate(1 hour)", "every 1h"},
      {"rate(5 minutes)", "every 5m"},
      {"cron(0 2 * * ? *)", "daily at 02:00"},
      {"30 6 * * *", "daily at 06:30"},
      {"cron(15 * * * ? *)", "every 1h"},
      {"0 */4 * * *", "every 4h"},
      {"*/10 * * * *", "every 10m"},
      {"on arrival", "on_arrival"},
      {"on-arrival", "on_arrival"},
      // Nothing close: the message falls back to the nearest word.
      {"weekly on mondays", ""},
      {"cron(0 2 ? * MON *)", ""},  // a weekday: not a daily schedule
      {"every fortnight", ""},
      {std::string(200, '9') + " * * * *", ""},  // too long to be typed
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(scenario::suggested_schedule(text) == expected);
  }
}

TEST_CASE("schedule words: the loader's message suggests the schedule meant, which then loads") {
  auto with_schedule = [](const std::string& schedule) {
    return "name: s\nduration: 1h\nworkload:\n  src: { rate: 10/s }\ncomponents:\n"
           "  job: { service: glue, workers: 2, schedule: \"" + schedule + "\" }\n  out: { service: sink }\n"
           "flows:\n  - src -> job -> out\n";
  };
  const auto bad = scenario::load_scenario_text(with_schedule("daily 2am"), "s.yaml");
  REQUIRE_FALSE(bad.ok());
  REQUIRE(bad.diagnostics.items().size() == 1);
  const std::string message = bad.diagnostics.items()[0].format();
  CHECK(message.find("did you mean 'daily at 02:00'?") != std::string::npos);
  CHECK(scenario::load_scenario_text(with_schedule("daily at 02:00"), "s.yaml").ok());

  const auto cron = scenario::load_scenario_text(with_schedule("cron(0 */6 * * ? *)"), "s.yaml");
  REQUIRE_FALSE(cron.ok());
  CHECK(cron.diagnostics.items()[0].format().find("did you mean 'every 6h'?") != std::string::npos);
}
