#include "archsim/engine/engine.hpp"

#include <stdexcept>

namespace archsim::engine {

HandlerId Engine::add_handler(Handler* handler) {
  handlers_.push_back(handler);
  return static_cast<HandlerId>(handlers_.size() - 1);
}

void Engine::throw_in_past() { throw std::logic_error("event scheduled in the past"); }

void Engine::run_until(SimTime end) {
  while (!calendar_.empty() && calendar_.next_time() < end) {
    Event e = calendar_.pop();
    now_ = e.time;
    ++events_processed_;
    handlers_[e.handler]->handle(e);
  }
  if (end > now_) now_ = end;
}

}  // namespace archsim::engine
