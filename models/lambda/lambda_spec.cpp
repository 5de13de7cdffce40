// What archsim knows of a Lambda function reading a Kinesis stream besides its
// behaviour: its parameters, the limits it runs into as the Lambda developer
// guide names them (with-kinesis.html: one concurrent batch per shard times
// the ParallelizationFactor; gettingstarted-limits.html: the Regional
// concurrency quota), the levers a designer has, and its diagram label.
#include <algorithm>
#include <cmath>
#include <string>

#include "archsim/models/lambda/lambda_function.hpp"

namespace archsim::models {

namespace {

bool reads_msk(const model::ParamSet& p) { return p.text("event_source") == "msk"; }

// An MSK event source mapping has no parallelization factor: one poller per partition.
std::vector<model::ParamChange> more_batches_per_shard(const model::ParamSet& p, const model::Catalog& catalog,
                                                       const model::FlowIn&, double factor) {
  if (reads_msk(p)) return {};
  return model::scale_whole(p, "parallelization_factor", factor,
                            catalog.value("lambda.kinesis.max_parallelization_factor"));
}

// Larger batches spread an invocation's fixed duration over more records.
std::vector<model::ParamChange> larger_batches(const model::ParamSet& p, const model::Catalog& catalog,
                                               const model::FlowIn&, double factor) {
  return model::scale_whole(p, "batch_size", factor, catalog.value("lambda.kinesis.max_batch_size"));
}

// Reserved concurrency beyond what the account leaves unreserved needs a
// quota increase: the account's quota moves with it, keeping the 100
// unreserved slots Lambda requires. Without reserved concurrency, the
// account's quota is the lever.
std::vector<model::ParamChange> more_concurrency(const model::ParamSet& p, const model::Catalog& catalog,
                                                 const model::FlowIn&, double factor) {
  const double account = p.number("account_concurrency");
  if (!p.has("concurrency_limit"))
    return model::change_number("account_concurrency", account, model::scaled_whole(account, factor, 1e7));
  const double now = p.number("concurrency_limit");
  std::vector<model::ParamChange> out = model::change_number("concurrency_limit", now, model::scaled_whole(now, factor, 1e7));
  const double keep = catalog.value("lambda.account.min_unreserved");
  if (!out.empty() && out.front().to + keep > account)
    out.push_back({.key = "account_concurrency", .from = account, .to = out.front().to + keep});
  return out;
}

// One account, one quota: every function states the same. What they
// reserve together leaves at least 100 unreserved (configuration-concurrency.html).
std::vector<model::SharedProblem> check_account(const std::vector<const model::ParamSet*>& functions,
                                                const model::Catalog& catalog, const std::vector<std::string>& what) {
  std::vector<model::SharedProblem> out;
  const double quota = functions.front()->number("account_concurrency");
  for (std::size_t i = 1; i < functions.size(); ++i)
    if (functions[i]->number("account_concurrency") != quota)
      out.push_back({i,
                     {"account_concurrency",
                      "'account_concurrency' in " + what[i] + " is " +
                          model::group_digits(functions[i]->number("account_concurrency")) + ", but " + what[0] +
                          " states " + model::group_digits(quota) +
                          ": one account has one quota; state the same in every function"}});
  const double keep = catalog.value("lambda.account.min_unreserved");
  double reserved = 0;
  for (std::size_t i = 0; i < functions.size(); ++i) {
    if (!functions[i]->has("concurrency_limit")) continue;
    reserved += functions[i]->number("concurrency_limit");
    if (reserved + keep > quota)
      out.push_back({i,
                     {"concurrency_limit",
                      "reserved concurrency of " + model::group_digits(reserved) + " across the functions up to " +
                          what[i] + " leaves " + model::group_digits(std::max(0.0, quota - reserved)) +
                          " of the account's " + model::group_digits(quota) + " unreserved; Lambda keeps at least " +
                          model::group_digits(keep) + " unreserved: lower 'concurrency_limit' or raise "
                          "'account_concurrency' to " + model::group_digits(reserved + keep) + " (a quota increase)"}});
  }
  return out;
}

std::vector<model::ParamChange> bisect(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&, double) {
  return model::switch_choice(p, "bisect_on_error", "false", "true");
}

// What a data engineer does about a bad record blocking a shard: bisect so
// only the bad records fail, give up after two retries, and keep their
// details in an on-failure destination (kinesis-on-failure-destination.html).
std::vector<model::ParamChange> bound_retries(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                              double) {
  std::vector<model::ParamChange> out;
  const double retries = p.number("max_retry_attempts");
  if (retries <= 2) return out;
  out.push_back({.key = "max_retry_attempts", .from = retries, .to = 2});
  for (auto& change : model::switch_choice(p, "bisect_on_error", "false", "true")) out.push_back(change);
  for (auto& change : model::switch_choice(p, "on_failure", "none", "sqs")) out.push_back(change);
  return out;
}

// Unlimited retries cannot grow.
std::vector<model::ParamChange> more_retries(const model::ParamSet& p, const model::Catalog& catalog,
                                             const model::FlowIn&, double factor) {
  const double now = p.number("max_retry_attempts");
  if (!std::isfinite(now)) return {};
  return model::change_number("max_retry_attempts", now,
                              model::scaled_whole(std::max(now, 1.0), factor,
                                                  catalog.value("lambda.kinesis.max_retry_attempts")));
}

std::vector<model::ParamProblem> check_event_source(const model::ParamSet& p, const model::Catalog&,
                                                    const std::string& what) {
  if (!reads_msk(p) || p.number("parallelization_factor") == 1) return {};
  return {{"parallelization_factor",
           what + " reads an MSK topic, whose event source mapping has no parallelization factor (one poller per "
                  "partition, msk-esm-parameters.html); remove it and give the topic more partitions instead"}};
}

// Memory in Lambda's own MB (MiB), as the console shows it: 512MB and 512MiB are both 512.
std::string label(const model::ParamSet& p) {
  const double bytes = p.number("memory");
  const double decimal = bytes / 1e6;
  const double mb = std::abs(decimal - std::round(decimal)) < 1e-9 ? decimal : bytes / (1024.0 * 1024.0);
  std::string out = model::group_digits(std::round(mb)) + " MB";
  if (p.has("concurrency_limit"))
    out += ", concurrency " + model::group_digits(p.number("concurrency_limit"));
  return out;
}

}  // namespace

model::ModelSpec LambdaFunction::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "lambda";
  s.summary =
      "Lambda as a Kinesis consumer: one concurrent batch per shard times the parallelization factor, batch size and "
      "batching window, the once-a-second poll of a caught-up shard, invocation duration distribution, the account's "
      "concurrency shared by its functions, function errors retried, bisected or discarded; cost per request and "
      "GB-second";
  s.params = {
      // Range in bytes: 128MB (decimal) is the smallest way to write 128 Lambda MB, and
      // 10,240 MiB the largest (lambda.function.max_memory_bytes, checked again from the catalog).
      {.name = "memory", .type = ParamType::size, .default_text = "128MB", .min = 128e6, .max = 10737418240.0,
       .help = "memory in Lambda's MB, which are MiB (512MB and 512MiB both mean 512 x 2^20 bytes); 128 to 10,240"},
      {.name = "duration", .type = ParamType::duration_dist, .required = true, .min = 0,
       .help = "how long one invocation runs, whatever its batch size (plus duration_per_record for each record)"},
      {.name = "duration_per_record", .type = ParamType::duration, .default_text = "0s", .min = 0, .max = 900e9,
       .help = "time an invocation adds for each record of its batch"},
      {.name = "batch_size", .type = ParamType::integer, .default_text = "100", .min = 1, .max = 10000,
       .help = "most records one invocation takes (BatchSize)"},
      {.name = "batching_window", .type = ParamType::duration, .default_text = "0s", .min = 0, .max = 300e9,
       .help = "longest wait for a full batch, from the oldest waiting record (MaximumBatchingWindowInSeconds); "
               "reading MSK, 500ms unless stated"},
      {.name = "parallelization_factor", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 10,
       .help = "concurrent batches per shard (ParallelizationFactor)"},
      {.name = "concurrency_limit", .type = ParamType::integer, .min = 1, .max = 1e7,
       .help = "reserved concurrency: the most invocations running at once, kept for this function alone; "
               "default: none, it shares the account's unreserved concurrency with the other functions"},
      // The default is the catalog's lambda.account.concurrency, checked against it by the tests.
      {.name = "account_concurrency", .type = ParamType::integer, .default_text = "1000", .min = 1, .max = 1e7,
       .help = "the account's concurrency quota in the Region, shared by all its functions (raised by a quota "
               "increase); every function of a scenario states the same"},
      {.name = "shards", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 20000,
       .help = "shards of the upstream Kinesis stream, or partitions of the MSK topic; taken from the stream or "
               "topic flowing into it when not given"},
      {.name = "event_source", .type = ParamType::choice, .default_text = "kinesis", .choices = {"kinesis", "msk"},
       .help = "what it reads: a Kinesis data stream, or a Kafka topic on Amazon MSK (keys placed by Kafka's "
               "partitioner, a 500 ms batching window by default, no parallelization factor); taken from the "
               "stream flowing into it"},
      {.name = "error_rate", .type = ParamType::fraction, .default_text = "0", .min = 0, .max = 1,
       .help = "share of records that fail on an attempt, each attempt anew (a transient error); one fails its batch"},
      {.name = "poison_rate", .type = ParamType::fraction, .default_text = "0", .min = 0, .max = 1,
       .help = "share of records that fail on every attempt (bad records); one fails its batch each time"},
      {.name = "bisect_on_error", .type = ParamType::choice, .default_text = "false", .choices = {"false", "true"},
       .help = "split a failed batch in two and retry each half, without using a retry (BisectBatchOnFunctionError)"},
      // The range's top is the catalog's lambda.kinesis.max_retry_attempts.
      {.name = "max_retry_attempts", .type = ParamType::capacity, .default_text = "unlimited", .min = 0, .max = 10000,
       .help = "retries of a failed batch before its records are discarded; unlimited: until they expire "
               "(MaximumRetryAttempts)"},
      // The range is the catalog's lambda.kinesis.min_record_age_s to max_record_age_s.
      {.name = "max_record_age", .type = ParamType::duration, .min = 60e9, .max = 604800e9,
       .help = "records older than this are discarded instead of sent to the function; default: none "
               "(MaximumRecordAgeInSeconds)"},
      {.name = "on_failure", .type = ParamType::choice, .default_text = "none", .choices = {"none", "sqs", "sns", "s3"},
       .help = "where the details of discarded batches go (an on-failure destination); none: they are only counted"},
      {.name = "stream_retention", .type = ParamType::duration, .default_text = "24h", .min = 86400e9,
       .max = 31536000e9,
       .help = "retention period of the upstream stream, which ends a failing batch's retries; taken from the stream"},
  };
  s.factory = model::make_component<LambdaFunction>;
  s.figures = &LambdaFunction::figures;
  s.resources = {
      {.id = "concurrent_batches",
       .name = "concurrent batches per shard (one per shard x the parallelization factor)",
       .unit = "concurrent batch",
       .levers = {"parallelization_factor", "batch_size"}},
      {.id = "concurrency",
       .name = "concurrency limit (its reserved concurrency, or the account's unreserved concurrency shared by its "
               "functions: the Regional quota, 1,000 by default)",
       .levers = {"concurrency_limit"}},
      {.id = "function_errors",
       .name = "function errors (a failed batch blocks its shard while it is retried, until it succeeds, its records "
               "expire or the retries run out)",
       .unit = "concurrent batch",
       .levers = {"bound_retries", "bisect_on_error", "max_retry_attempts"},
       .time = {metrics::Spent::service},
       .refusals = "records of failed invocations, each time their batch failed"},
  };
  s.drops = {
      {.reason = "discarded_after_retries", .resource = "function_errors"},
      {.reason = "discarded_max_record_age", .resource = "function_errors"},
      {.reason = "sent_to_destination", .resource = "function_errors", .set_aside = true},
      {.reason = "expired", .resource = "function_errors"},
  };
  s.levers = {
      {.id = "parallelization_factor", .words = "more concurrent batches per shard",
       .bound = "a parallelization factor of 10 (the most Lambda allows)", .move = &more_batches_per_shard},
      {.id = "batch_size", .words = "larger batches", .bound = "10,000 records a batch (the most Lambda allows)",
       .move = &larger_batches},
      {.id = "concurrency_limit", .words = "more concurrency (reserved, or the account's quota)",
       .bound = "10,000,000 concurrent invocations",
       .move = &more_concurrency},
      {.id = "bound_retries",
       .words = "giving up on a failed batch after 2 retries, bisected so that only its failing records are "
                "discarded, their details kept in an on-failure destination",
       .scales = false, .move = &bound_retries},
      {.id = "bisect_on_error", .words = "bisecting a failed batch, so only its failing records are retried",
       .scales = false, .move = &bisect},
      {.id = "max_retry_attempts", .words = "more retries of a failed batch",
       .bound = "10,000 retries (the most Lambda allows)", .move = &more_retries},
  };
  s.label = &label;
  s.takes = {"shards", "stream_retention", "event_source"};
  s.check = &check_event_source;
  s.check_shared = &check_account;
  s.faults = {
      {"stopped", "every invocation fails (a bad deployment, a dependency down): each batch is retried, bisected, "
                  "discarded or sent to its on-failure destination as its error handling says", true},
      {"error_rate", "each record fails with the chance `share` on each attempt, beside its own error_rate"},
      {"poison", "a share `share` of the records read always fail, wherever they are retried"},
      {"latency", "each invocation started in the window takes `factor` times as long (a dependency it calls "
                  "slowed): each shard's batches follow one another more slowly, more run at once, and the "
                  "GB-seconds billed grow with it", false, true},
  };
  s.fault_refusals = {{"capacity_lost",
                       "Lambda runs a function in several Availability Zones so that it goes on processing events "
                       "when one is interrupted (Resilience in AWS Lambda, read 2026-12-06); a function that "
                       "fails is drilled as 'stopped' or 'error_rate'"}};
  return s;
}

}  // namespace archsim::models
