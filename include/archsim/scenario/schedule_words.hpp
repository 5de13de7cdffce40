// What a person likely meant by a schedule or a time of day written the way
// people and other tools write them ("daily 2am", "hourly", "every 30
// minutes", a cron or EventBridge expression, "6pm"), in the form archsim
// reads ("daily at 02:00", "every 1h", "18:00"): the value an error message
// suggests. Empty when nothing close is recognised.
#pragma once
#include <string>

namespace archsim::scenario {

// "2am" -> "02:00", "6:30 pm" -> "18:30", "14h" -> "14:00"; "" otherwise.
std::string suggested_time_of_day(const std::string& text);
// For a message: "; did you mean \"18:00\"?" where one is recognised, else "".
std::string did_you_mean_time_of_day(const std::string& text);
// "daily 2am" -> "daily at 02:00", "hourly" -> "every 1h", "every 30 minutes"
// -> "every 30m", "cron(0 2 * * ? *)" -> "daily at 02:00", "rate(1 hour)"
// -> "every 1h", "on arrival" -> "on_arrival"; "" otherwise.
std::string suggested_schedule(const std::string& text);

}  // namespace archsim::scenario
