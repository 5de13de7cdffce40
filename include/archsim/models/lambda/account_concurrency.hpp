// The Regional concurrency quota that a scenario's Lambda functions share
// (configuration-concurrency.html, retrieved 2026-12-05): a function with
// reserved concurrency has that many slots of its own, which no other
// function can use; the functions without draw on what is left, the
// unreserved concurrency, first come first served. One per run, made by the
// first function that is built (model::Network::shared).
#pragma once
#include <cstdint>

#include "archsim/models/common/fifo.hpp"

namespace archsim::models {

class LambdaFunction;

class AccountConcurrency {
 public:
  explicit AccountConcurrency(std::uint64_t quota) : quota_(quota) {}
  // A function's reserved concurrency, taken out of the pool when it is built.
  void reserve(std::uint64_t slots) { reserved_ += slots; }
  std::uint64_t unreserved() const { return quota_ > reserved_ ? quota_ - reserved_ : 0; }
  bool available() const { return used_ < unreserved(); }
  void take() { ++used_; }
  // A group of a function without reserved concurrency waits for a slot.
  void wait(LambdaFunction* function, std::uint64_t group) { waiting_.push({function, group}); }
  // Frees a slot and hands it to the groups that have waited longest,
  // whichever their function, until one takes it.
  void give_back();

 private:
  struct Waiter {
    LambdaFunction* function = nullptr;
    std::uint64_t group = 0;
  };
  std::uint64_t quota_, reserved_ = 0, used_ = 0;
  Fifo<Waiter> waiting_;
};

}  // namespace archsim::models
