// On-demand capacity that follows the previous peak (a Kinesis on-demand
// stream, a DynamoDB on-demand table), walked over the load of a run for the
// static figures: what the rule allows at each moment, and the worst ratio
// of the offered load to it. The simulated models apply the same rule record
// by record; this is its first-order reading, interval by interval.
#pragma once
#include "archsim/model/static_figures.hpp"

namespace archsim::models {

struct PreviousPeakRule {
  double initial = 0;   // records/s a new stream or table takes at once
  double multiple = 2;  // of the previous peak it grows to
  double most = model::kUnbounded;  // the mode's quota
  // A peak counts once it is this old (DynamoDB: 30 minutes); 0: at once.
  double matures_s = 0;
  // The capacity grows only at multiples of this from the start (Kinesis:
  // every 15 minutes); 0: whenever a peak counts.
  double every_s = 0;
  // It comes in whole steps of this many records/s (a shard's worth); 0: any.
  double step = 0;
};

struct PreviousPeakWorst {
  double ratio = 0;              // the highest offered / allowed over the run
  double at_s = 0;               // when it first reached that
  double offered = 0, allowed = 0;  // then
  double allowed_at_peak = 0;    // what it allowed when the offered load was highest
  double allowed_at_end = 0;
  double mean_ratio = 0;  // min(1, offered / allowed), averaged over the run: its busy share
  std::vector<double> allowed_by_interval;  // by interval of the load: what it allowed, on average over it
};

// Accepted load is taken as min(offered, allowed) in each interval; that is
// the peak the rule remembers.
PreviousPeakWorst walk_previous_peak(const PreviousPeakRule& rule, const model::LoadOverTime& load);

}  // namespace archsim::models
