// The style sheet every HTML page of archsim shares: projector-sized type,
// strong colours, tables and charts that fit the page.
#pragma once

namespace archsim::report {

inline constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #111; font: 20px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 2.1em; margin: 0.2em 0; }
h2 { font-size: 1.5em; margin: 1.6em 0 0.5em; border-bottom: 3px solid #111; padding-bottom: 4px; }
h3 { font-size: 1.15em; margin: 1.2em 0 0.3em; }
h3 small { font-weight: normal; color: #444; }
p.run, p.note { color: #333; font-size: 0.85em; }
.verdict { border: 4px solid #b00020; background: #fff4f4; padding: 14px 22px; margin: 18px 0; }
.verdict.ok { border-color: #16713f; background: #f1fbf4; }
.verdict p { margin: 0.4em 0; }
.verdict .headline { font-size: 1.25em; font-weight: bold; }
.try { font-weight: bold; color: #0a4f8a; }
ol.bottlenecks li { margin-bottom: 0.6em; }
ol.bottlenecks li.binding { font-size: 1.1em; border-left: 6px solid #b00020; padding-left: 10px; }
.badge { display: inline-block; min-width: 3.2em; text-align: center; font-weight: bold; padding: 0 6px; margin-right: 8px; color: #fff; border-radius: 4px; }
.pass { background: #16713f; } .fail { background: #b00020; } .uncertain { background: #8a5a00; } .none { background: #666; }
ul.requirements { list-style: none; padding-left: 0; } ul.requirements li { margin-bottom: 0.4em; }
figure { margin: 0; }
.diagram svg { width: 100%; height: auto; max-height: 640px; }
svg.chart { width: 100%; height: auto; display: block; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.8em; margin: 8px 0; }
th, td { border-bottom: 1px solid #999; padding: 4px 10px; text-align: left; vertical-align: top; }
td.num { white-space: nowrap; }
.scroll table + table { margin-top: 18px; }
th { background: #eee; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print { .pair { grid-template-columns: 1fr; } }
)";

}  // namespace archsim::report
