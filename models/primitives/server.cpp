#include "archsim/models/primitives/server.hpp"

#include <cmath>
#include <string>

namespace archsim::models {

namespace {

std::vector<model::ParamChange> more_servers(const model::ParamSet& p, const model::Catalog&, const model::FlowIn&,
                                             double factor) {
  return model::scale_whole(p, "servers", factor, 1e6);
}

std::string label(const model::ParamSet& p) {
  const auto servers = static_cast<long long>(p.number("servers"));
  std::string out = model::group_digits(static_cast<double>(servers)) + (servers == 1 ? " server" : " servers");
  if (p.has("queue_capacity") && std::isfinite(p.number("queue_capacity")))
    out += ", queue " + model::group_digits(p.number("queue_capacity"));
  return out;
}

}  // namespace

model::ModelSpec Server::spec() {
  using model::ParamType;
  model::ModelSpec s;
  s.service = "server";
  s.summary = "c servers with a FIFO queue: the queueing-theory station (M/M/c, M/D/1, Erlang B)";
  s.params = {
      {.name = "servers", .type = ParamType::integer, .default_text = "1", .min = 1, .max = 1e6,
       .help = "number of identical servers working in parallel"},
      {.name = "service_time", .type = ParamType::duration_dist, .required = true, .min = 0,
       .help = "time one record holds a server"},
      {.name = "queue_capacity", .type = ParamType::capacity, .default_text = "unlimited", .min = 0,
       .help = "records that may wait; 0 = no waiting room, arrivals finding every server busy are dropped"},
  };
  s.factory = model::make_component<Server>;
  s.figures = &Server::figures;
  s.resources = {{.id = "servers", .name = "servers (servers / service_time)", .levers = {"servers"}},
                 {.id = "service_time", .name = "service time", .time = {metrics::Spent::service}}};
  s.levers = {{.id = "servers", .words = "more servers", .bound = "1,000,000 servers", .move = &more_servers}};
  // A full waiting room drops what the servers could not take in time.
  s.drops = {{.reason = "queue_full", .resource = "servers"}};
  s.label = &label;
  return s;
}

// M/G/c by the Allen-Cunneen approximation: the M/M/c wait (Erlang C) times
// (1 + SCV of the service time) / 2; exact for M/M/c, and for M/D/1 and M/G/1
// (Pollaczek-Khinchine) when c = 1. A finite queue is ignored (first order:
// below saturation it rarely fills).
model::StaticFigures Server::figures(const model::ParamSet& params, const model::Catalog& /*catalog*/,
                                     const model::FlowIn& in) {
  const auto servers = static_cast<double>(params.integer("servers"));
  const engine::Distribution& service = params.dist("service_time");
  const double mean_s = service.mean() / 1e9;
  model::StaticFigures f;
  f.capacity = mean_s > 0 ? servers / mean_s : model::kUnbounded;
  f.limit = model::group_digits(servers) + " server" + (servers == 1 ? "" : "s") + " / " +
            model::group_digits(mean_s * 1e3) + " ms a record";
  f.queue_records = params.number("queue_capacity");  // past it, arrivals are dropped
  // Below capacity a random stream still finds a small waiting room full at
  // times (M/M/c/K); past it the excess is the walk's to drop.
  if (std::isfinite(f.queue_records) && mean_s > 0 && in.over_time)
    for (const double rate : in.over_time->records_per_s)
      f.loss_over_time.push_back(rate < f.capacity ? model::mmck_blocking(servers, rate * mean_s, f.queue_records) : 0);
  const double mmc = model::mmc_sojourn(servers, in.records_per_s, mean_s);
  f.latency_s = mean_s + (mmc - mean_s) * (1 + service.scv()) / 2;
  return f;
}

Server::Server(const model::BuildContext& ctx)
    : Component(ctx),
      servers_(static_cast<std::uint64_t>(ctx.params.integer("servers"))),
      service_time_(ctx.params.dist("service_time")),
      queue_capacity_(ctx.params.number("queue_capacity")),
      queue_full_(probe_.drop_reason("queue_full")),
      queue_stage_(probe_.stage(metrics::Spent::capacity)),
      service_stage_(probe_.stage(metrics::Spent::service)) {
  probe_.set_capacity(static_cast<double>(servers_));
}

void Server::accept(const model::Batch& batch) {
  if (in_service_.occupied() < servers_) {
    start(batch);
  } else if (static_cast<double>(queued_records_ + batch.count) <= queue_capacity_) {
    queue_.push(batch);
    queued_records_ += batch.count;
    probe_.set_backlog(now(), static_cast<double>(queued_records_));
  } else {
    probe_.dropped(batch.count, queue_full_, now());
  }
}

// The clock is read once per call: stores to the counters may alias it, so
// each now() would otherwise reload it through the engine.
void Server::start(const model::Batch& batch) {
  const engine::SimTime t = now();
  probe_.waited(t - batch.arrived, batch.count, t);
  probe_.spent(queue_stage_, t - batch.arrived, batch.count, t);
  const double draw = service_time_.sample(rng_) * static_cast<double>(batch.count);
  const std::uint64_t slot = in_service_.put(batch);
  probe_.set_busy(t, static_cast<double>(in_service_.occupied()));
  const engine::SimTime takes = engine::round_half_away(draw);
  probe_.spent(service_stage_, takes, batch.count, t);
  schedule_in(takes, 0, slot);
}

void Server::handle(const engine::Event& event) {
  const engine::SimTime t = now();
  const model::Batch done = in_service_.take(event.data);
  probe_.departed(done, t);
  emit(done);
  if (!queue_.empty()) {
    const model::Batch next = queue_.pop();
    queued_records_ -= next.count;
    probe_.set_backlog(t, static_cast<double>(queued_records_));
    start(next);
  } else {
    probe_.set_busy(t, static_cast<double>(in_service_.occupied()));
  }
}

std::uint64_t Server::in_flight() const {
  std::uint64_t queued = 0;
  queue_.for_each([&](const model::Batch& b) { queued += b.count; });
  return queued + in_service_.records();
}

}  // namespace archsim::models
