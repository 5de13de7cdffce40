// A bill per TB scanned (Athena, Redshift Spectrum), query by query: each
// query's bytes rounded up to the MB, at least 10 MB, priced per TiB, the TB
// AWS means. Beside it, what the same queries would bill had the tables a
// scenario wrote in decimal units (3TB: 3 x 10^12 bytes) been meant in the
// binary unit of that name (3TiB), for the report's note on the difference.
#pragma once
#include <string>

#include "archsim/model/billed.hpp"
#include "archsim/model/query_shape.hpp"

namespace archsim::models {

class ScanBill {
 public:
  // The rounding step and least bytes billed a query, and the price per TiB.
  ScanBill(double step, double min, double price_per_tib) : step_(step), min_(min), price_(price_per_tib) {}
  // One query that scanned `scanned` bytes of a table shaped `shape` (null:
  // a query of no declared shape), and what it would have scanned had the
  // table's size been read in binary units (used only when it was written
  // in decimal ones).
  void add(double scanned, const model::QueryShape* shape, double scanned_if_binary);
  double billed_bytes() const { return billed_; }
  double usd() const;
  // The bill as a billing line of `unit` ("TiB scanned"), with the note's
  // figures when a decimal size set it; amount 0 when nothing was scanned.
  model::BilledQuantity line(const std::string& unit) const;

 private:
  double billed(double bytes) const;

  double step_, min_, price_;
  double billed_ = 0, billed_if_binary_ = 0;
  std::string decimal_units_;  // the decimal units its tables were written in ("TB"), if any
};

}  // namespace archsim::models
