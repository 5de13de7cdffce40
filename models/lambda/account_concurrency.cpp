#include "archsim/models/lambda/account_concurrency.hpp"

#include "archsim/models/lambda/lambda_function.hpp"

namespace archsim::models {

void AccountConcurrency::give_back() {
  --used_;
  while (available() && !waiting_.empty()) {
    const Waiter next = waiting_.pop();
    next.function->slot_freed(next.group);
  }
}

}  // namespace archsim::models
