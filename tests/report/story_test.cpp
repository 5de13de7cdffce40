// A scenario's story (`story:`) in every report format: the prompt, what to
// look at and the questions at the top; the answers at the end of the text
// and Markdown reports, and folded away in HTML until a click.
#include <doctest/doctest.h>

#include "archsim/report/reports.hpp"
#include "archsim/run/simulation.hpp"
#include "archsim/scenario/loader.hpp"
#include "support/mini_json.hpp"

using namespace archsim;

namespace {

const char* kScenario = R"(name: story
duration: 1m
story:
  prompt: "Orders reach one server: how busy is it?"
  look_at: "the server's utilization"
  questions:
    - ask: "What is the utilization?"
      answer: "Half: 500/s over 1,000/s <exactly>."
    - "What would double it?"
workload:
  orders: { rate: 500/s }
components:
  counter: { service: server, service_time: 1ms }
  done: { service: sink }
flows:
  - orders -> counter -> done
)";

run::RunResult story_run() {
  auto loaded = scenario::load_scenario_text(kScenario, "story.yaml");
  for (const auto& d : loaded.diagnostics.items()) MESSAGE(d.format());
  REQUIRE(loaded.ok());
  CHECK(loaded.scenario->story.questions.size() == 2);
  return run::simulate(*loaded.scenario);
}

}  // namespace

TEST_CASE("story: text and Markdown show it before the verdict and its answers after the figures") {
  const run::RunResult r = story_run();
  for (const std::string& report : {report::to_text(r), report::to_markdown(r)}) {
    const auto story = report.find("Story");
    const auto question = report.find("1. What is the utilization?");
    const auto verdict = report.find("Verdict");
    const auto answer = report.find("1. Half: 500/s over 1,000/s");
    CAPTURE(report);
    REQUIRE(story != std::string::npos);
    REQUIRE(question != std::string::npos);
    REQUIRE(answer != std::string::npos);
    CHECK(story < verdict);
    CHECK(question < verdict);
    CHECK(answer > verdict);
    CHECK(report.find("2. What would double it?") < verdict);
    CHECK(report.find("the server's utilization") < verdict);
  }
}

TEST_CASE("story: HTML folds each answer until a click, escaped, without a script") {
  const std::string html = report::to_html(story_run(), "");
  const auto story = html.find("<section id=\"story\"");
  REQUIRE(story != std::string::npos);
  CHECK(story < html.find("class=\"verdict"));
  CHECK(html.find("<details><summary>Reveal the answer</summary><p>Half: 500/s over 1,000/s &lt;exactly&gt;.</p></details>") !=
        std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("story: JSON carries it under scenario.story, and a scenario without one has none") {
  const auto json = testing::Json::parse(report::to_json(story_run()));
  const auto* story = json.at("scenario.story");
  REQUIRE(story);
  CHECK(story->get("prompt")->text == "Orders reach one server: how busy is it?");
  REQUIRE(story->get("questions")->items.size() == 2);
  CHECK(story->get("questions")->items[1].get("answer")->text.empty());
  auto plain = scenario::load_scenario_text(R"(name: plain
duration: 1m
workload: { orders: { rate: 5/s } }
components: { done: { service: sink } }
flows: [ orders -> done ]
)", "plain.yaml");
  REQUIRE(plain.ok());
  CHECK(testing::Json::parse(report::to_json(run::simulate(*plain.scenario))).at("scenario.story") == nullptr);
}
