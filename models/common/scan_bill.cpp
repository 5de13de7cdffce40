#include "archsim/models/common/scan_bill.hpp"

#include "archsim/models/common/billing.hpp"
#include "archsim/models/common/lake_bytes.hpp"

namespace archsim::models {

double ScanBill::billed(double bytes) const { return billed_scan_bytes(bytes, step_, min_); }

void ScanBill::add(double scanned, const model::QueryShape* shape, double scanned_if_binary) {
  const double bytes = billed(scanned);
  billed_ += bytes;
  const bool decimal = shape != nullptr && shape->binary_reading() != 1;
  billed_if_binary_ += decimal ? billed(scanned_if_binary) : bytes;
  if (decimal && decimal_units_.find(shape->data_unit) == std::string::npos)
    decimal_units_ += (decimal_units_.empty() ? "" : ", ") + shape->data_unit;
}

double ScanBill::usd() const { return billed_ / kBytesPerTB * price_; }

model::BilledQuantity ScanBill::line(const std::string& unit) const {
  model::BilledQuantity q{.unit = unit, .amount = billed_ / kBytesPerTB, .usd = usd()};
  if (!decimal_units_.empty()) {
    q.decimal_input = "scan.data in " + decimal_units_;
    q.amount_if_binary = billed_if_binary_ / kBytesPerTB;
    q.usd_if_binary = q.amount_if_binary * price_;
  }
  return q;
}

}  // namespace archsim::models
