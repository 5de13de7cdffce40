#include "help_examples.hpp"

namespace archsim::cli {

const std::vector<CommandExamples>& help_examples() {
  static const std::vector<CommandExamples> examples = {
      {"run",
       {"archsim run scenarios/realtime-inventory.yaml",
        "archsim run scenarios/realtime-inventory.yaml --set components.inventory_stream.shards=600",
        "archsim run scenarios/realtime-inventory.yaml --duration 1d --format html -o report.html",
        "archsim run scenarios/realtime-inventory.yaml --fault '{target: stock_aggregator, kind: stopped, "
        "at: \"14:00\", for: 10m}'",
        "archsim run scenarios/order-stream-basics.yaml --replications 3 --format json"}},
      {"compare",
       {"archsim compare scenarios/realtime-inventory.yaml scenarios/realtime-inventory-underprovisioned.yaml "
        "--duration 1h --warmup 5m",
        "archsim compare scenarios/realtime-inventory.yaml scenarios/realtime-inventory-underprovisioned.yaml "
        "--duration 1h --warmup 5m --replications 3 --format md -o compare.md"}},
      {"size",
       {"archsim size scenarios/order-stream-basics.yaml",
        "archsim size scenarios/order-stream-basics.yaml --keep order_stream --budget 60,5m -o sized.yaml"}},
      {"diagram",
       {"archsim diagram scenarios/realtime-inventory.yaml -o pipeline.dot",
        "archsim diagram scenarios/realtime-inventory.yaml -o pipeline.svg"}},
      {"validate", {"archsim validate scenarios/*.yaml", "archsim validate scenarios/realtime-inventory.yaml --set duration=1d"}},
      {"explain",
       {"archsim explain scenarios/realtime-inventory.yaml",
        "archsim explain scenarios/realtime-inventory.yaml --set workload.inventory_events.rate=200000/s",
        "archsim explain scenarios/realtime-inventory.yaml --format json -o explain.json"}},
      {"sweep",
       {"archsim sweep scenarios/realtime-inventory.yaml --vary components.inventory_stream.shards=150..600*2 "
        "--duration 10m --warmup 1m",
        "archsim sweep scenarios/order-stream-basics.yaml --vary workload.orders.rate=20/s..60/s+20/s --duration 10m --warmup 1m --format csv "
        "-o sweep.csv --chart sweep.svg"}},
      {"sweep-merge",
       {"archsim sweep scenarios/order-stream-basics.yaml --vary workload.orders.rate=20/s..60/s+20/s --duration 10m --warmup 1m --shard 1/2 "
        "-o part1.json",
        "archsim sweep scenarios/order-stream-basics.yaml --vary workload.orders.rate=20/s..60/s+20/s --duration 10m --warmup 1m --shard 2/2 "
        "-o part2.json",
        "archsim sweep-merge part1.json part2.json"}},
      {"challenge", {"archsim challenge list", "archsim challenge show realtime-inventory --hints 1",
                     "archsim challenge start realtime-inventory ."}},
      {"challenge list", {"archsim challenge list"}},
      {"challenge show", {"archsim challenge show realtime-inventory", "archsim challenge show realtime-inventory --hints 2"}},
      {"challenge start", {"archsim challenge start realtime-inventory", "archsim challenge start realtime-inventory mine"}},
      {"grade", {"archsim challenge start realtime-inventory .", "archsim grade realtime-inventory.yaml"}},
      {"models", {"archsim models", "archsim models kinesis", "archsim models source"}},
      {"new", {"archsim new stream-to-table", "archsim new dynamodb table.yaml"}},
      {"schema", {"archsim schema -o archsim.schema.json"}},
      {"catalog", {"archsim catalog"}},
  };
  return examples;
}

namespace {

std::string footer(const std::vector<std::string>& lines) {
  std::string out = "\nExamples:\n";
  for (const auto& line : lines) {
    out += "  ";
    out += line;
    out += "\n";
  }
  return out;
}

}  // namespace

void add_help_examples(CLI::App& app) {
  app.footer(footer({"archsim new stream-to-table", "archsim validate stream-to-table.yaml",
                     "archsim explain stream-to-table.yaml", "archsim run stream-to-table.yaml",
                     "archsim COMMAND --help   (each command's options and examples)"}));
  for (const auto& e : help_examples()) {
    CLI::App* command = &app;
    std::string rest = e.command;
    for (std::size_t space; (space = rest.find(' ')) != std::string::npos; rest = rest.substr(space + 1))
      command = command->get_subcommand(rest.substr(0, space));
    command->get_subcommand(rest)->footer(footer(e.lines));
  }
}

}  // namespace archsim::cli
