// M/M/1 through the `archsim run` command end to end: a child process reads
// tests/bench/mm1-10m.yaml (10 million customers), simulates it and writes the
// JSON report. The time is the child's wall time; its CPU time and peak memory
// come from wait4's resource usage. tests/bench/run-end-to-end.sh does the
// same with /usr/bin/time and hyperfine.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct ChildRun {
  bool ok = false;
  double wall_s = 0, cpu_s = 0;
  long max_rss_kb = 0;
};

ChildRun run_child(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  ChildRun run;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return run;
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return run;
  run.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
              static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.max_rss_kb = usage.ru_maxrss;
  run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return run;
}

// The number after `"key": ` at its first occurrence in a JSON report.
double json_number(const std::string& json, const std::string& key) {
  const auto at = json.find("\"" + key + "\": ");
  return at == std::string::npos ? 0 : std::strtod(json.c_str() + at + key.size() + 4, nullptr);
}

void BM_Mm1ArchsimRun(benchmark::State& state) {
  const std::string report = "archsim-bench-report-" + std::to_string(getpid()) + ".json";
  const std::string path = (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + ("/" + report);
  double events = 0, customers = 0, cpu_s = 0;
  long max_rss_kb = 0;
  for (auto _ : state) {
    const ChildRun run = run_child({ARCHSIM_BINARY, "run", ARCHSIM_BENCH_DIR "/mm1-10m.yaml", "--format", "json",
                                    "-o", path});
    if (!run.ok) {
      state.SkipWithError("archsim run failed");
      return;
    }
    state.SetIterationTime(run.wall_s);
    std::ifstream in(path);
    std::ostringstream json;
    json << in.rdbuf();
    events += json_number(json.str(), "events");
    customers += json_number(json.str(), "generated");
    cpu_s += run.cpu_s;
    max_rss_kb = std::max(max_rss_kb, run.max_rss_kb);
  }
  std::remove(path.c_str());
  const double n = static_cast<double>(state.iterations());
  state.counters["events/s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["customers/s"] = benchmark::Counter(customers, benchmark::Counter::kIsRate);
  state.counters["child_cpu_s"] = cpu_s / n;
  state.counters["max_rss_kb"] = static_cast<double>(max_rss_kb);
}
BENCHMARK(BM_Mm1ArchsimRun)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
