// A quantity a component's bill is made of, in the unit AWS bills it ("TiB
// scanned"), for the report's billing lines. Plain data: the model fills it,
// the run result carries it, every report format prints it the same way.
#pragma once
#include <string>

namespace archsim::model {

struct BilledQuantity {
  std::string unit;   // as the price list names what it counts: "TiB scanned"
  double amount = 0;  // over the run
  double usd = 0;     // what it costs over the run
  // When a size the scenario wrote in a decimal unit (2TB: 2 x 10^12 bytes)
  // sets it while the price is per binary unit (TiB, which AWS writes TB):
  // where and in what unit it was written ("scan.data in TB"), and the
  // amount and cost had the binary unit of that name been meant.
  std::string decimal_input;
  double amount_if_binary = 0, usd_if_binary = 0;
  // When each record is billed rounded up to a unit (Firehose's 5 KiB): the
  // unit's words ("5 KiB") and what the line would cost at the records' own
  // sizes, the term a napkin estimate leaves out. Empty: no rounding.
  std::string rounded_to;
  double usd_unrounded = 0;
};

}  // namespace archsim::model
