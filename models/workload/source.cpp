#include "archsim/models/workload/source.hpp"

#include <cmath>

namespace archsim::models {

namespace {
// The lake a source's queries read, columnar or row by row: what a query
// scans, and so what Athena bills, turns on it.
std::vector<model::ParamChange> other_format(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                             double) {
  if (!p.has("scan")) return {};
  const std::string format = p.at("scan").fields->text("format");
  const bool columnar = format == "parquet" || format == "orc";
  return {{.key = "scan.format", .text_from = format, .text_to = columnar ? "json" : "parquet"}};
}
// Spreads every key over `factor` times as many suffixes: the hot key's
// records over as many shards or partitions.
std::vector<model::ParamChange> more_suffixes(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                              double factor) {
  // A query has no key; a reader reads the keys its items have.
  if (p.has("kind") && p.text("kind") != "records") return {};
  return model::scale_whole(p, "key_suffixes", factor, 1000);
}
}  // namespace

model::KeySpace Source::key_space_of(const model::ParamSet& params) {
  model::KeySpace keys = params.at("keys").keys;
  keys.suffixes = static_cast<std::uint64_t>(params.integer("key_suffixes"));
  return keys;
}

model::ModelSpec Source::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "source";
  s.summary = "records arriving from outside the design";
  s.params = {
      {.name = "rate", .type = ParamType::rate, .required = true, .min = 0, .min_exclusive = true,
       .help = "mean records per second of one producer"},
      {.name = "producers", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 1e9,
       .help = "identical producers (stores, devices, services); the source's rate is rate x producers",
       // EMR's `instances` are a cluster's nodes: one name, one meaning.
       .former_name = "instances"},
      {.name = "arrivals", .type = ParamType::choice, .default_text = "poisson",
       .choices = {"poisson", "deterministic"}, .help = "random (Poisson) or evenly spaced arrivals"},
      {.name = "record_size", .type = ParamType::size_dist, .default_text = "1KB", .min = 0,
       .help = "payload bytes of one record"},
      {.name = "keys", .type = ParamType::key_space, .default_text = "{count: 1000000, dist: uniform}",
       .help = "partition keys of the records"},
      {.name = "key_suffixes", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 1000,
       .help = "write sharding: each record's key gets one of this many random suffixes, spreading a hot key over "
               "as many shards or partitions (the consumers merge them)"},
      {.name = "profile", .type = ParamType::profile, .default_text = "{kind: constant}",
       .help = "how the rate varies over simulated time"},
      // Absent: one record per event. At least 1 ms: each batch is an event, so a
      // nanosecond interval would make more events than records.
      {.name = "batch", .type = ParamType::duration, .min = 1e6, .max = 3600e9,
       .help = "emit the records of each interval of this length as one batch (absent: one record at a time)"},
      {.name = "kind", .type = ParamType::choice, .default_text = "records", .choices = {"records", "queries", "reads"},
       .help = "what the source emits: records, queries for Athena and Redshift, or reads of a table's items"},
      {.name = "scan", .type = ParamType::scan,
       .help = "what one query reads (kind: queries only): the table's raw size, format, compression, pruning"},
      // No default: only a source of reads takes it, and the loader says so.
      {.name = "consistency", .type = ParamType::choice, .choices = {"eventual", "strong", "transactional"},
       .help = "what each read asks for (kind: reads only; absent: eventual, as GetItem and Query default to)"},
  };
  s.levers = {{.id = "format", .words = "the lake in another format", .scales = false, .move = &other_format},
              {.id = "key_suffixes",
               .words = "write sharding, a random suffix on each key",
               .bound = "1,000 suffixes",
               .spreads_keys = true,
               .move = &more_suffixes}};
  s.faults = {{"spike", "its rate multiplied by `factor`, on top of its profile"}};
  return s;
}

Source::Source(engine::Engine& engine, model::Network& network, std::uint32_t node, const model::ParamSet& params,
               engine::Rng rng, engine::SimTime end, const std::vector<model::Fault>& faults)
    : engine_(engine),
      network_(network),
      probe_(network.probe(node)),
      node_(node),
      handler_(engine.add_handler(this)),
      rng_(rng),
      rate_per_ns_(params.number("rate") * static_cast<double>(params.integer("producers")) / 1e9),
      poisson_(params.text("arrivals") == "poisson"),
      record_size_(params.has("scan") ? params.at("scan").fields->dist("data") : params.dist("record_size")),
      keys_(key_space_of(params)),
      profile_(with_spikes(*params.at("profile").profile, faults)),
      max_factor_(profile_.max_factor()),
      end_(end),
      poisson_gap_(engine::Distribution::exponential(1 / (rate_per_ns_ * max_factor_))),
      batch_(params.has("batch") ? params.duration("batch") : 0) {
  if (keys_.zipf) zipf_.emplace(keys_.count, keys_.s);
  // A batch's records have keys of their own: the batch carries the key space.
  if (batch_ > 0) mix_ = network.key_mixes().add_space(keys_);
  // A query is a record whose bytes are the raw size of the table it reads.
  if (params.has("scan")) network.set_query_shape(node, model::QueryShape::from(*params.at("scan").fields));
  else network.set_record_size(node, record_size_);
  // A read is a record whose bytes are what it returns; the table it reaches tells it by its shape.
  if (params.has("kind") && params.text("kind") == "reads") network.set_read_shape(node, model::ReadShape::from(params));
  network.count_only(node);
}

// A spike fault multiplies the rate over its window, beside the profile.
model::Profile Source::with_spikes(model::Profile profile, const std::vector<model::Fault>& faults) {
  for (const model::Fault& f : faults)
    if (f.kind == "spike") profile = profile.with_overlay(f.start, f.end, f.factor);
  return profile;
}

void Source::start() {
  if (batch_ > 0) return engine_.schedule_in(batch_, handler_);
  const engine::SimTime gap = next_gap();
  if (gap != engine::kForever) engine_.schedule_in(gap, handler_);
}

// Poisson, constant rate: exponential gaps. Poisson, diurnal: candidates at
// the profile's peak rate, each kept with probability factor(t) / peak
// (thinning). Poisson, steps or spike: exponential gaps at the current step's
// rate, drawn afresh at each step boundary (exact, since the exponential is
// memoryless; thinning would waste candidates on a tall, short spike).
// Deterministic: the gap holds one record's worth of the rate, across any
// steps of the profile; while the factor is 0 the source sleeps. Nothing is
// drawn past the end of the run, so a long quiet stretch costs nothing.
engine::SimTime Source::next_gap() {
  const engine::SimTime now = engine_.now();
  if (poisson_ && profile_.kind() == model::Profile::Kind::constant && !profile_.has_overlays())
    return engine::round_half_away(poisson_gap_.sample(rng_));
  if (poisson_ && profile_.kind() == model::Profile::Kind::diurnal) {
    for (engine::SimTime t = now;;) {
      t = engine::later(t, engine::round_half_away(poisson_gap_.sample(rng_)));
      if (t >= end_) return engine::kForever;
      if (rng_.uniform() * max_factor_ < profile_.factor_at(t)) return t - now;
    }
  }
  if (poisson_) {
    for (engine::SimTime t = now;;) {
      const double factor = profile_.factor_at(t);
      const engine::SimTime change = profile_.next_change_after(t);
      if (factor > 0) {
        // poisson_gap_ has the mean gap at the peak rate; this step runs at factor / peak of it.
        const engine::SimTime gap = engine::round_half_away(poisson_gap_.sample(rng_) * max_factor_ / factor);
        if (change == engine::kForever || engine::later(t, gap) < change) return engine::later(t, gap) - now;
      }
      if (change == engine::kForever || change >= end_) return engine::kForever;
      t = change;
    }
  }
  // Deterministic: the next arrival comes when the rate, integrated from now,
  // reaches one record, so a gap that spans a step of the profile is spent
  // partly at each rate and no arrivals are lost or gained at the step.
  double owed = 1.0;  // records' worth of rate-time still to pass
  for (engine::SimTime t = now;;) {
    const double rate = rate_per_ns_ * profile_.factor_at(t);
    const engine::SimTime change = profile_.next_change_after(t);
    if (rate > 0) {
      const double gap = owed / rate;
      if (change == engine::kForever || static_cast<double>(t - now) + gap <= static_cast<double>(change - now))
        return std::max<engine::SimTime>(1, engine::round_half_away(static_cast<double>(t - now) + gap));
      owed -= static_cast<double>(change - t) * rate;
      // Rounding may leave a sliver of a record: it completes at the step.
      if (owed < 1e-9) return change - now;
    }
    if (change == engine::kForever || change >= end_) return engine::kForever;
    t = change;
  }
}

void Source::emit(engine::SimTime created, std::uint64_t count, std::uint64_t bytes) {
  engine::Batch batch;
  batch.count = count;
  batch.bytes = bytes;
  batch.created = created;
  batch.arrived = engine_.now();
  if (mix_ != 0) {
    batch.mix = mix_;
  } else {
    batch.key = zipf_ ? zipf_->sample(rng_) - 1 : rng_.below(keys_.count);
    if (keys_.suffixes > 1) batch.key = batch.key * keys_.suffixes + rng_.below(keys_.suffixes);
  }
  batch.origin = node_;
  probe_.arrived_count(count);  // a source's series are never reported
  network_.forward(node_, batch);
}

// The interval's expected count uses the profile at its midpoint; the records
// are spread over the interval, so the midpoint is also their mean creation time.
void Source::emit_batch(engine::SimTime now) {
  const engine::SimTime midpoint = now - batch_ / 2;
  const double expected = rate_per_ns_ * static_cast<double>(batch_) * profile_.factor_at(midpoint);
  std::uint64_t count = 0;
  if (poisson_) {
    count = engine::poisson(rng_, expected);
  } else {
    carry_ += expected;
    count = static_cast<std::uint64_t>(carry_);
    carry_ -= static_cast<double>(count);
  }
  if (count == 0) return;
  const double bytes = record_size_.mean() * static_cast<double>(count);
  emit(midpoint, count, static_cast<std::uint64_t>(engine::round_half_away(bytes)));
}

void Source::handle(const engine::Event&) {
  const engine::SimTime now = engine_.now();
  if (batch_ > 0) {
    emit_batch(now);
    return start();
  }
  // Every scheduled arrival is due: next_gap() has already slept through the
  // profile's quiet stretches (an arrival that completes a busy stretch lands
  // on its last instant, when the next one may already be quiet).
  emit(now, 1, static_cast<std::uint64_t>(engine::round_half_away(record_size_.sample(rng_))));
  start();
}

}  // namespace archsim::models
