// archsim: simulate a data architecture written as a YAML scenario.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iostream>
#include <new>

#include "archsim/run/simulation.hpp"
#include "archsim/scenario/units.hpp"
#include "archsim/version.hpp"
#include "archsim/whatif/sweep_grid.hpp"
#include "archsim/report/schema.hpp"
#include "help_examples.hpp"
#include "commands.hpp"

namespace {
// Option values are checked with the scenario format's own unit parsers, so
// `--duration 1hr` fails the way `duration: 1hr` does, before anything runs.
CLI::Validator unit_check(archsim::scenario::Parsed (*parse)(const std::string&), const char* what) {
  return CLI::Validator(
      [parse](std::string& value) {
        const auto parsed = parse(value);
        if (!parsed) return parsed.error;
        return *parsed.value < 0 ? "'" + value + "' must not be negative" : std::string{};
      },
      what);
}

// --seed, --duration and --warmup: the scenario's own keys, overridden.
template <class Options>
void add_overrides(CLI::App* command, Options& o, const std::string& seed, const std::string& duration,
                   const std::string& warmup) {
  command->add_option("--seed", o.seed, seed)->check(unit_check(archsim::scenario::parse_integer, "WHOLE NUMBER"));
  command->add_option("--duration", o.duration, duration)
      ->check(unit_check(archsim::scenario::parse_duration_ns, "DURATION"));
  command->add_option("--warmup", o.warmup, warmup)->check(unit_check(archsim::scenario::parse_duration_ns, "DURATION"));
}
// --wide, and --quiet where a command runs long enough to show its progress.
void add_display(CLI::App* command, archsim::cli::Display& d, bool runs) {
  command->add_flag("--wide", d.wide,
                    "Text as wide as its content: whole table rows and lines, whole paths (default: wrapped to the "
                    "terminal, or to 100 columns into a file or a pipe)");
  if (runs)
    command->add_flag("-q,--quiet", d.quiet,
                      "No progress line on standard error (it is drawn only on a terminal, for work over a second)");
}
}  // namespace

int main(int argc, char** argv) {
  using namespace archsim::cli;
  CLI::App app{"archsim: simulate an AWS data architecture written as a YAML scenario, and report its throughput, "
               "latency, drops and cost."};
  app.set_version_flag("--version", std::string("archsim ") + archsim::kVersion);
  app.require_subcommand(1);

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario and report the result");
  run_cmd->add_option("FILE", run.file, "Scenario file (YAML)")->required();
  run_cmd->add_option("--format", run.format, "Report format")->check(CLI::IsMember({"text", "md", "json", "html"}))
      ->capture_default_str();
  run_cmd->add_option("-o,--output", run.output, "Write the report to PATH instead of standard output");
  add_overrides(run_cmd, run, "Random seed (overrides the scenario's 'seed')",
                "Simulated time, e.g. 30m (overrides 'duration')",
                "Warm-up excluded from statistics, e.g. 5m (overrides 'warmup')");
  run_cmd->add_option("--set", run.sets,
                      "Override a value by dotted path, e.g. --set components.counter.servers=2 (repeatable)");
  run_cmd->add_option("--fault", run.faults,
                      "Drill a fault, in the syntax of one entry of the scenario's faults list, e.g. --fault '{target: job, kind: stopped, at: \"14:00\", for: 10m}' (repeatable; docs/faults.md)");
  run_cmd->add_option("--replications", run.replications,
                      "Run N independent replications (seeds S, S+1, ...) and state every key figure as a mean with "
                      "its 95% confidence interval")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))
      ->capture_default_str();
  run_cmd->add_option("--jobs", run.jobs, "Simulations run at once: replications and the diagnosis's fix trials (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  run_cmd->add_flag("--allow-overload", run.allow_overload,
                    "Simulate even a design that offers a component more than 20x what it takes at the peak "
                    "(refused otherwise, with explain's arithmetic)");
  add_display(run_cmd, run.display, true);

  CompareOptions compare;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Run the same workload on two or more designs and report them side by side, with intervals");
  compare_cmd->add_option("FILES", compare.files, "Scenario files, one per design (two or more)")->required();
  compare_cmd->add_option("--format", compare.format, "Report format")
      ->check(CLI::IsMember({"text", "md", "json", "html"}))
      ->capture_default_str();
  compare_cmd->add_option("-o,--output", compare.output, "Write the report to PATH instead of standard output");
  compare_cmd->add_option("--replications", compare.replications, "Replications of each design (seeds S, S+1, ...)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))
      ->capture_default_str();
  compare_cmd->add_option("--jobs", compare.jobs, "Runs at once (default: one per core)")->check(CLI::Range(1u, 1024u));
  compare_cmd->add_flag("--independent-seeds", compare.independent_seeds,
                        "Give each design its own seeds instead of common random numbers (to see what pairing buys)");
  add_overrides(compare_cmd, compare, "First seed for every design (default: the first design's 'seed')",
                "Simulated time for every design, e.g. 30m", "Warm-up for every design, e.g. 5m");
  compare_cmd->add_option("--set", compare.sets, "Override a value by dotted path in every design (repeatable)");
  compare_cmd->add_option("--fault", compare.faults, "Drill a fault on every design, as run --fault does (repeatable)");
  compare_cmd->add_flag("--allow-overload", compare.allow_overload,
                        "Simulate even a design that offers a component more than 20x what it takes at the peak");
  add_display(compare_cmd, compare.display, true);

  SizeOptions size;
  auto* size_cmd = app.add_subcommand(
      "size", "Search the design's levers for the cheapest setting that meets every requirement, by simulating");
  size_cmd->add_option("FILE", size.file, "Scenario file (YAML)")->required();
  size_cmd->add_option("--format", size.format, "Report format")
      ->check(CLI::IsMember({"text", "md", "json", "html"}))
      ->capture_default_str();
  size_cmd->add_option("-o,--output", size.output,
                       "PATH ending .yaml or .yml: write the sized scenario there (its comments and layout kept, "
                       "each changed line saying what it was) and the report to standard output; else the report");
  size_cmd->add_option("--lever", size.levers,
                       "Search only this lever: LEVER, COMPONENT.LEVER or COMPONENT (repeatable; default: all)");
  size_cmd->add_option("--keep", size.keep, "Keep this lever as written: LEVER, COMPONENT.LEVER or COMPONENT (repeatable)");
  size_cmd->add_option("--budget", size.budget,
                       "At most N simulations, a wall time, or both: 400, 15m, 400,15m (default 400,15m)");
  size_cmd->add_option("--replications", size.replications,
                       "Seeds the chosen design must meet the requirements on (S, S+1, ...)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->capture_default_str();
  size_cmd->add_option("--jobs", size.jobs, "Simulations run at once (default: one per core)")->check(CLI::Range(1u, 1024u));
  add_overrides(size_cmd, size, "Random seed of the search (overrides the scenario's 'seed')",
                "Simulated time, e.g. 30m (overrides 'duration')", "Warm-up, e.g. 5m (overrides 'warmup')");
  size_cmd->add_option("--set", size.sets, "Override a value by dotted path before sizing (repeatable)");
  size_cmd->add_option("--fault", size.faults, "Size under this fault too, as run --fault takes it (repeatable)");
  add_display(size_cmd, size.display, true);

  DiagramCommandOptions diagram;
  auto* diagram_cmd = app.add_subcommand("diagram", "Draw the scenario's pipeline with Graphviz (DOT or SVG)");
  diagram_cmd->add_option("FILE", diagram.file, "Scenario file (YAML)")->required();
  diagram_cmd->add_option("-o,--output", diagram.output,
                          "Write to PATH: *.dot for Graphviz DOT, *.svg drawn by Graphviz's dot (default: DOT "
                          "to standard output)");
  diagram_cmd->add_option("--set", diagram.sets, "Override a value by dotted path before drawing (repeatable)");

  std::vector<std::string> validate_files, validate_sets, validate_faults;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files without simulating");
  validate_cmd->add_option("FILE", validate_files, "Scenario files (YAML)")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a value by dotted path before checking (repeatable)");
  validate_cmd->add_option("--fault", validate_faults, "Add a fault before checking, as run --fault does (repeatable)");

  ExplainOptions explain;
  auto* explain_cmd = app.add_subcommand(
      "explain", "Static analysis without simulating: offered load, capacity, ceiling, latency and cost");
  explain_cmd->add_option("FILE", explain.file, "Scenario file (YAML)")->required();
  explain_cmd->add_option("--set", explain.sets, "Override a value by dotted path (repeatable)");
  explain_cmd->add_option("-o,--output", explain.output, "Write the explanation to PATH instead of standard output");
  explain_cmd->add_option("--fault", explain.faults,
                          "A fault whose backlog and catch-up to work out, as run --fault takes it (repeatable)");
  explain_cmd->add_option("--format", explain.format, "Report format")
      ->check(CLI::IsMember({"text", "md", "json", "html"}))
      ->capture_default_str();
  add_display(explain_cmd, explain.display, false);

  SweepOptions sweep;
  auto* sweep_cmd = app.add_subcommand(
      "sweep", "Run a grid over one or two parameters (and several designs); find the knee and the crossings");
  sweep_cmd->add_option("FILE", sweep.files, "Scenario files (YAML): one per design")->required();
  sweep_cmd->add_option("--vary", sweep.vary,
                        "KEY=VALUES to sweep: a list 4,8,16, a linear range 1..8+1 or a geometric one 4..64*2 "
                        "(once or twice)")
      ->required()
      ->allow_extra_args(false);
  sweep_cmd->add_option("--metric", sweep.metrics,
                        "A key figure's id to report (repeatable; default: cost.monthly_usd, latency_s.worst_p99, "
                        "accounting.dropped, throughput_per_s)")
      ->allow_extra_args(false);
  sweep_cmd->add_option("--replications", sweep.replications, "Replications of each point, on seeds S .. S+N-1")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}))
      ->capture_default_str();
  sweep_cmd->add_option("--jobs", sweep.jobs, "Runs at once (default: one per core)")->check(CLI::Range(1u, 1024u));
  add_overrides(sweep_cmd, sweep, "First seed S for every point (default: the first design's 'seed')",
                "Simulated time of each run, e.g. 30m", "Warm-up excluded from statistics, e.g. 5m");
  sweep_cmd->add_option("--set", sweep.sets, "Override a value by dotted path at every point (repeatable)")
      ->allow_extra_args(false);
  sweep_cmd->add_option("--fault", sweep.faults, "Drill a fault at every point, as run --fault does (repeatable)")
      ->allow_extra_args(false);
  sweep_cmd->add_option("--format", sweep.format, "Result format (default text; a shard's part is JSON)")
      ->check(CLI::IsMember({"text", "md", "csv", "json"}));
  sweep_cmd->add_option("-o,--output", sweep.output, "Write the result to PATH instead of standard output");
  sweep_cmd->add_option("--chart", sweep.chart, "Draw each metric against the first parameter into PATH.svg");
  sweep_cmd
      ->add_option("--shard", sweep.shard,
                   "Run only part K of N (the points whose index modulo N is K-1), as JSON for sweep-merge")
      ->check(CLI::Validator(
          [](std::string& value) {
            std::string error;
            return archsim::whatif::parse_shard(value, error) ? std::string{} : error;
          },
          "K/N"));
  sweep_cmd->add_flag("--allow-overload", sweep.allow_overload,
                      "Run even points that offer a component more than 20x what it takes at the peak (refused "
                      "otherwise, each with explain's arithmetic)");
  add_display(sweep_cmd, sweep.display, true);

  SweepMergeOptions merge;
  auto* merge_cmd = app.add_subcommand(
      "sweep-merge", "Merge the parts of a sharded sweep (--shard K/N outputs) into the whole sweep's result");
  merge_cmd->add_option("PART", merge.parts, "The parts' JSON files")->required();
  merge_cmd->add_option("--format", merge.format, "Result format")->check(CLI::IsMember({"text", "md", "csv", "json"}))
      ->capture_default_str();
  merge_cmd->add_option("-o,--output", merge.output, "Write the result to PATH instead of standard output");
  merge_cmd->add_option("--chart", merge.chart, "Draw each metric against the first parameter into PATH.svg");
  add_display(merge_cmd, merge.display, false);

  auto* challenge_cmd = app.add_subcommand("challenge", "Design challenges: list, show NAME, start NAME [DIR]");
  challenge_cmd->require_subcommand(1);
  std::string challenge_dir = ARCHSIM_CHALLENGES_DIR, challenge_name, challenge_into;
  std::size_t challenge_hints = 0;
  challenge_cmd->add_option("--dir", challenge_dir, "Where the challenges are")->capture_default_str();
  auto* challenge_list = challenge_cmd->add_subcommand("list", "The challenges, each with its title");
  auto* challenge_show = challenge_cmd->add_subcommand("show", "A challenge's prompt, follow-ups and hints");
  challenge_show->add_option("NAME", challenge_name, "The challenge")->required();
  challenge_show->add_option("--hints", challenge_hints, "Show this many hints, the gentlest first");
  auto* challenge_start = challenge_cmd->add_subcommand("start", "Write the starter scenario into DIR (default .)");
  challenge_start->add_option("NAME", challenge_name, "The challenge")->required();
  challenge_start->add_option("DIR", challenge_into, "Where to write NAME.yaml");

  GradeOptions grade;
  grade.dir = ARCHSIM_CHALLENGES_DIR;
  auto* grade_cmd = app.add_subcommand(
      "grade", "Grade a design against its challenge: the requirements at the peak, each follow-up simulated, the "
               "rubric with its evidence, and your estimates beside the simulated values");
  grade_cmd->add_option("FILE", grade.file, "The design: a scenario started with archsim challenge start")->required();
  grade_cmd->add_option("--challenge", grade.challenge, "The challenge to grade against (default: the scenario's 'challenge')");
  grade_cmd->add_option("--dir", grade.dir, "Where the challenges are")->capture_default_str();
  grade_cmd->add_option("--estimates", grade.estimates,
                        "Your napkin numbers from a file of their own, instead of the scenario's 'estimates'");
  grade_cmd->add_option("--format", grade.format, "Report format")->check(CLI::IsMember({"text", "md", "json", "html"}))
      ->capture_default_str();
  grade_cmd->add_option("-o,--output", grade.output, "Write the grade to PATH instead of standard output");
  grade_cmd->add_option("--seed", grade.seed, "Random seed (overrides the scenario's 'seed')")
      ->check(unit_check(archsim::scenario::parse_integer, "WHOLE NUMBER"));
  grade_cmd->add_option("--set", grade.sets,
                        "Override a value of the design by dotted path, e.g. --set components.stream.shards=8 "
                        "(repeatable; the workload and requirements stay the challenge's)");
  grade_cmd->add_option("--replications", grade.replications,
                        "Seeds to judge a requirement on when the first run comes within 10% of its target")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100}))
      ->capture_default_str();
  grade_cmd->add_option("--jobs", grade.jobs, "Simulations run at once (default: one per core)")->check(CLI::Range(1u, 1024u));
  add_display(grade_cmd, grade.display, true);

  std::string models_service;
  auto* models_cmd = app.add_subcommand("models", "List the service models and the keys each accepts; with SERVICE, "
                                                  "that one's keys, defaults and units, and an example");
  models_cmd->add_option("SERVICE", models_service, "One service (kinesis, flink, ...), or source");
  std::string new_name, new_file;
  auto* new_cmd = app.add_subcommand("new", "Write a commented scenario from a template (stream-to-table, "
                                            "lake-and-query-engines, nightly-batch) or with one service alone");
  new_cmd->add_option("TEMPLATE", new_name, "A template under scenarios/templates, or a service's name")->required();
  new_cmd->add_option("FILE", new_file, "Where to write it (default TEMPLATE.yaml; never over a file)");
  std::string schema_output;
  auto* schema_cmd = app.add_subcommand(
      "schema", "Write a JSON Schema of the scenario format, from the model specs, for an editor's YAML language server");
  schema_cmd->add_option("-o,--output", schema_output, "Write it to PATH instead of standard output");
  auto* catalog_cmd =
      app.add_subcommand("catalog", "List the AWS limits and prices archsim uses, each with its source and date");

  // Reference text (the models, the catalog, the challenges) fits the terminal too.
  Display reference;
  for (auto* command : {models_cmd, catalog_cmd, challenge_list, challenge_show}) add_display(command, reference, false);

  add_help_examples(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A mistyped command: name the nearest, as the scenario's keys do.
    std::vector<std::string> names;
    const CLI::App& all = app;
    for (const auto* sub : all.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string hint = archsim::scenario::did_you_mean(argv[1], names);
      if (hint.empty()) hint = "; the commands are " + archsim::scenario::join_or(names);
      std::cerr << "archsim: error: no command '" << argv[1] << "'" << hint << " (archsim --help lists them)\n";
      return kExitBadInput;
    }
    // A mistyped option of a known command: name the nearest of its options.
    if (argc > 1 && std::find(names.begin(), names.end(), argv[1]) != names.end()) {
      std::vector<std::string> options;
      for (const CLI::Option* opt : app.get_subcommand(argv[1])->get_options())
        for (const auto& name : opt->get_lnames()) options.push_back("--" + name);
      for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        const std::string flag = arg.substr(0, arg.find('='));
        if (flag.rfind("--", 0) != 0 || std::find(options.begin(), options.end(), flag) != options.end()) continue;
        const std::string hint = archsim::scenario::did_you_mean(flag, options);
        std::cerr << "archsim " << argv[1] << ": error: no option '" << flag << "'"
                  << (hint.empty() ? "; archsim " + std::string(argv[1]) + " --help lists them" : hint) << "\n";
        return kExitBadInput;
      }
    }
    app.exit(e);
    return kExitBadInput;
  }

  try {
    if (*run_cmd) return run_command(run);
    if (*compare_cmd) return compare_command(compare);
    if (*size_cmd) return size_command(size);
    if (*diagram_cmd) return diagram_command(diagram);
    if (*validate_cmd) return validate_command(validate_files, validate_sets, validate_faults);
    if (*explain_cmd) return explain_command(explain);
    if (*sweep_cmd) return sweep_command(sweep);
    if (*merge_cmd) return sweep_merge_command(merge);
    const std::size_t columns = text_columns(reference, "");
    if (*challenge_list) return fit_stdout(columns, [&] { return challenge_list_command(challenge_dir); });
    if (*challenge_show)
      return fit_stdout(columns, [&] { return challenge_show_command(challenge_dir, challenge_name, challenge_hints); });
    if (*challenge_start) return challenge_start_command(challenge_dir, challenge_name, challenge_into);
    if (*grade_cmd) return grade_command(grade);
    if (*models_cmd) return models_command(models_service, columns);
    if (*new_cmd) return new_command(ARCHSIM_TEMPLATES_DIR, new_name, new_file);
    if (*catalog_cmd) return fit_stdout(columns, [&] { return catalog_command(columns); });
    if (*schema_cmd) return write_output(schema_output, archsim::report::scenario_schema(), "schema");
  } catch (const archsim::run::Overloaded& e) {
    std::cerr << e.loc.file << ":" << e.loc.line << ":" << e.loc.col << ": error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "archsim: error: out of memory while simulating: a component's queue or state outgrew this "
                 "machine; bound queues (queue_capacity), add capacity, or shorten the run\n";
    return kExitBadInput;
  } catch (const archsim::run::InvariantViolation& e) {
    std::cerr << "archsim: internal error: " << e.what() << "this is a bug in archsim; no report was written\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "archsim: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  return kExitBadInput;
}
