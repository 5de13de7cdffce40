// What a Managed Service for Apache Flink application cannot be configured as.
// AWS takes Parallelism and ParallelismPerKPU and allocates
// ceil(Parallelism / ParallelismPerKPU) KPUs (how-scaling.html); archsim's
// `kpu` is a shorthand for that count, so a stated `kpu` that differs would
// run or bill KPUs AWS never allocates, and is refused with the count that
// fits. Keyed state larger than the running application storage its KPUs
// bring (50 GB each, how-resources.html) has nowhere to live.
#include <cmath>
#include <string>
#include <vector>

#include "archsim/models/flink/flink_application.hpp"

namespace archsim::models {

namespace {

std::string count(std::uint64_t n) { return std::to_string(n); }

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

bool stated(const model::ParamSet& p, const char* key) { return p.has(key) && !p.at(key).defaulted; }

// A stated `kpu` beside a stated `parallelism`: it must be the KPUs that
// parallelism runs on.
void check_kpu(const model::ParamSet& p, const std::string& what, std::vector<model::ParamProblem>& out) {
  if (!stated(p, "kpu") || !stated(p, "parallelism")) return;
  const auto kpu = static_cast<std::uint64_t>(p.integer("kpu"));
  const auto parallelism = static_cast<std::uint64_t>(p.integer("parallelism"));
  const auto per_kpu = static_cast<std::uint64_t>(p.integer("parallelism_per_kpu"));
  const std::uint64_t needed = ceil_div(parallelism, per_kpu);
  if (kpu == needed) return;
  const std::string kpu_is = "'kpu: " + count(kpu) + "' in " + what;
  const std::string at_per_kpu = " at parallelism_per_kpu " + count(per_kpu);
  if (kpu < needed) {
    // More subtasks per KPU is the other way to fit, within AWS's 8.
    const std::uint64_t per_kpu_to = ceil_div(parallelism, kpu);
    out.push_back({"kpu", kpu_is + " runs at most " + count(kpu * per_kpu) + " subtasks" + at_per_kpu +
                              "; parallelism: " + count(parallelism) + " needs kpu: " + count(needed) +
                              (per_kpu_to <= 8 ? ", or parallelism_per_kpu: " + count(per_kpu_to) + " on " + count(kpu) +
                                                     " KPUs"
                                               : "")});
    return;
  }
  out.push_back({"kpu", kpu_is + " is more than parallelism: " + count(parallelism) + " runs on" + at_per_kpu +
                            "; AWS allocates and bills ceil(parallelism / parallelism_per_kpu) = " + count(needed) +
                            " KPUs: write kpu: " + count(needed) + " or leave kpu out"});
}

// Sizes within the default quotas: the KPUs an application runs and the
// subtasks a `kpu` alone makes.
void check_quotas(const model::ParamSet& p, const model::Catalog& catalog, const std::string& what,
                  std::vector<model::ParamProblem>& out) {
  const auto per_kpu = static_cast<std::uint64_t>(p.integer("parallelism_per_kpu"));
  const auto most_kpus = static_cast<std::uint64_t>(catalog.value("flink.app.max_kpus"));
  const auto most_parallelism = static_cast<std::uint64_t>(catalog.value("flink.app.max_parallelism"));
  if (stated(p, "parallelism")) {
    const auto parallelism = static_cast<std::uint64_t>(p.integer("parallelism"));
    const std::uint64_t kpus = ceil_div(parallelism, per_kpu);
    if (kpus > most_kpus)
      out.push_back({"parallelism", "'parallelism: " + count(parallelism) + "' in " + what + " runs on " + count(kpus) +
                                        " KPUs at parallelism_per_kpu " + count(per_kpu) +
                                        ", above the default quota of " + count(most_kpus) +
                                        " KPUs an application (flink.app.max_kpus); raise parallelism_per_kpu to " +
                                        count(ceil_div(parallelism, most_kpus)) + " or lower parallelism to " +
                                        count(most_kpus * per_kpu)});
  } else if (stated(p, "kpu")) {
    const auto kpu = static_cast<std::uint64_t>(p.integer("kpu"));
    if (kpu * per_kpu > most_parallelism)
      out.push_back({"kpu", "'kpu: " + count(kpu) + "' in " + what + " at parallelism_per_kpu " + count(per_kpu) +
                                " makes parallelism " + count(kpu * per_kpu) + ", above the most, " +
                                count(most_parallelism) + " (flink.app.max_parallelism); state parallelism: " +
                                count(most_parallelism) + " or lower parallelism_per_kpu"});
  }
}

// Keyed state within the running application storage of the KPUs it starts on.
void check_state(const model::ParamSet& p, const model::Catalog& catalog, const std::string& what,
                 std::vector<model::ParamProblem>& out) {
  if (!p.has("state_size")) return;
  const double state = p.number("state_size");
  const double per_kpu_bytes = catalog.value("flink.kpu.running_storage_bytes");
  const FlinkApplication::Size size = FlinkApplication::size_of(p, catalog);
  const double storage = static_cast<double>(size.kpu) * per_kpu_bytes;
  if (state <= storage) return;
  const auto gib = [](double bytes) { return model::group_digits(bytes / 1073741824.0) + " GiB"; };
  const auto per_kpu = static_cast<std::uint64_t>(p.integer("parallelism_per_kpu"));
  const auto kpus = static_cast<std::uint64_t>(std::ceil(state / per_kpu_bytes));
  out.push_back({"state_size", "'state_size' in " + what + " (" + gib(state) + ") is more than the running application " +
                                   "storage of its " + count(size.kpu) + (size.kpu == 1 ? " KPU" : " KPUs") + " (" +
                                   count(size.kpu) + " x " + gib(per_kpu_bytes) + " = " + gib(storage) +
                                   ", flink.kpu.running_storage_bytes); it needs " + count(kpus) +
                                   " KPUs: parallelism: " + count(kpus * per_kpu) + " at parallelism_per_kpu " +
                                   count(per_kpu)});
}

}  // namespace

std::vector<model::ParamProblem> FlinkApplication::check(const model::ParamSet& p, const model::Catalog& catalog,
                                                         const std::string& what) {
  std::vector<model::ParamProblem> out;
  if (!p.has("parallelism_per_kpu")) return out;
  check_kpu(p, what, out);
  check_quotas(p, catalog, what, out);
  check_state(p, catalog, what, out);
  if (p.text("delivery") == "exactly_once" && p.text("checkpoints") == "off")
    out.push_back({"delivery", what + " delivers exactly once by committing its output at each checkpoint, and its "
                                      "checkpoints are off; turn them on ('checkpoints: on', the default) or deliver "
                                      "'at_least_once'"});
  if (stated(p, "checkpoint_alignment") && stated(p, "checkpoint_stall"))
    out.push_back({"checkpoint_stall", "'checkpoint_stall' in " + what +
                                           " is the older name of 'checkpoint_alignment', which it also has; "
                                           "keep one of them"});
  return out;
}

}  // namespace archsim::models
