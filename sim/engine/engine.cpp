#include "archsim/engine/engine.hpp"

#include <stdexcept>

namespace archsim::engine {

HandlerId Engine::add_handler(Handler* handler) {
  handlers_.push_back(handler);
  return static_cast<HandlerId>(handlers_.size() - 1);
}

void Engine::schedule_at(SimTime time, HandlerId handler, std::uint32_t tag, std::uint64_t data) {
  if (time < now_) throw std::logic_error("event scheduled in the past");
  calendar_.push(Event{time, next_seq_++, handler, tag, data});
}

void Engine::run_until(SimTime end) {
  while (!calendar_.empty() && calendar_.top().time < end) {
    Event e = calendar_.pop();
    now_ = e.time;
    ++events_processed_;
    handlers_[e.handler]->handle(e);
  }
  if (end > now_) now_ = end;
}

}  // namespace archsim::engine
