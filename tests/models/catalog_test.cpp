// The catalog of AWS limits and prices: the built-in one loads cleanly, every
// number has a unit, a status and a dated source, spot values match the AWS
// facts they were taken from (typed in here independently of the YAML), and a
// malformed catalog is reported with positions.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "archsim/model/catalog.hpp"
#include "archsim/report/catalog_report.hpp"
#include "archsim/scenario/catalog_loader.hpp"

using namespace archsim;
using model::CatalogStatus;

namespace {

// Every problem loading `text`, as FILE:LINE:COL: error: MESSAGE lines in file order.
std::string problems(const std::string& text) {
  scenario::Diagnostics diags;
  const auto catalog = scenario::load_catalog_text(text, "bad.yaml", diags);
  CHECK_MESSAGE(catalog.has_value() == diags.empty(), "a catalog must exist exactly when there are no problems");
  std::string out;
  for (const auto& d : diags.sorted()) out += d.format() + "\n";
  return out;
}

// The expected lines, in the form problems() gives them (a failed check then prints both texts).
std::string lines(const std::vector<std::string>& expected) {
  std::string out;
  for (const auto& line : expected) out += line + "\n";
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

TEST_CASE("catalog: the built-in catalog loads with no diagnostics") {
  scenario::Diagnostics diags;
  const auto catalog =
      scenario::load_catalog_text(std::string(scenario::builtin_catalog_text()), scenario::kBuiltinCatalogFile, diags);
  for (const auto& d : diags.sorted()) MESSAGE(d.format());
  REQUIRE(catalog.has_value());
  CHECK(diags.empty());
  CHECK(catalog->region() == "us-east-1");
  CHECK(catalog->size() > 200);
  const model::Catalog& builtin = scenario::builtin_catalog();
  CHECK(&builtin == &scenario::builtin_catalog());  // made once
  // The catalog compiled into the binary's data at build time is the YAML's
  // text, read: every field of every entry, numbers to the bit.
  CHECK(builtin.region() == catalog->region());
  REQUIRE(builtin.size() == catalog->size());
  for (std::size_t i = 0; i < builtin.size(); ++i) {
    const model::CatalogEntry& a = builtin.entries()[i];
    const model::CatalogEntry& b = catalog->entries()[i];
    CAPTURE(b.id);
    CHECK(a.id == b.id);
    CHECK(std::memcmp(&a.value, &b.value, sizeof a.value) == 0);
    CHECK(a.unit == b.unit);
    CHECK(a.what == b.what);
    CHECK(a.status == b.status);
    REQUIRE(a.sources.size() == b.sources.size());
    for (std::size_t k = 0; k < a.sources.size(); ++k) {
      CHECK(a.sources[k].key == b.sources[k].key);
      CHECK(a.sources[k].document == b.sources[k].document);
      CHECK(a.sources[k].date == b.sources[k].date);
    }
    CHECK(a.note == b.note);
    REQUIRE(a.tiers.size() == b.tiers.size());
    for (std::size_t k = 0; k < a.tiers.size(); ++k) {
      CHECK(std::memcmp(&a.tiers[k].up_to, &b.tiers[k].up_to, sizeof(double)) == 0);
      CHECK(std::memcmp(&a.tiers[k].price, &b.tiers[k].price, sizeof(double)) == 0);
    }
    CHECK(a.tier_unit == b.tier_unit);
    CHECK(a.loc.file == b.loc.file);
    CHECK(a.loc.line == b.loc.line);
    CHECK(a.loc.col == b.loc.col);
  }
  // Positions point into the YAML file, for messages and the report.
  const auto& first = builtin.entries().front();
  CHECK(first.loc.file == "models/catalog/aws-us-east-1.yaml");
  CHECK(first.loc.line > 1);
}

TEST_CASE("catalog: every entry has a unit, a status, a description and a dated source") {
  const model::Catalog& catalog = scenario::builtin_catalog();
  for (const auto& e : catalog.entries()) {
    CAPTURE(e.id);
    CHECK(!e.unit.empty());
    CHECK(!e.what.empty());
    REQUIRE(!e.sources.empty());
    for (const auto& s : e.sources) {
      CHECK(!s.document.empty());
      CHECK(!s.date.empty());
    }
    CHECK(model::parse_catalog_status(model::to_string(e.status)) == e.status);
    // Prices are in USD per billing unit, and only prices are.
    const bool price = e.id.find(".price.") != std::string::npos;
    CHECK(price == starts_with(e.unit, "usd/"));
    if (price) CHECK(e.id.size() > 4);
    // A tiered price says what its bounds count, and its value is the first step.
    if (!e.tiers.empty()) {
      CHECK(!e.tier_unit.empty());
      CHECK(e.value == e.tiers.front().price);
    }
    // A guess says so where the number is read, not only in its status.
    if (e.status == CatalogStatus::unconfirmed) CHECK(e.note.find("unconfirmed") != std::string::npos);
  }
}

TEST_CASE("catalog: ids are unique and every service of the facts has entries") {
  const model::Catalog& catalog = scenario::builtin_catalog();
  std::set<std::string> ids;
  std::set<std::string> services;
  for (const auto& e : catalog.entries()) {
    CHECK_MESSAGE(ids.insert(e.id).second, "duplicate id " << e.id);
    services.insert(e.id.substr(0, e.id.find('.')));
  }
  for (const char* s : {"kinesis", "firehose", "flink", "dynamodb", "lambda", "s3", "glue", "emr", "redshift", "athena",
                        "msk"})
    CHECK_MESSAGE(services.count(s) == 1, "no entries for " << s);
}

TEST_CASE("catalog: spot values match the AWS facts") {
  const model::Catalog& c = scenario::builtin_catalog();
  // Kinesis Data Streams: 1 MiB/s or 1,000 records/s per shard; $0.015 per
  // shard-hour; a PUT payload unit is 25 KiB, $0.014 per million.
  CHECK(c.value("kinesis.shard.write_bytes_per_s") == 1048576);
  CHECK(c.at("kinesis.shard.write_bytes_per_s").unit == "bytes/s");
  CHECK(c.value("kinesis.shard.write_records_per_s") == 1000);
  CHECK(c.value("kinesis.price.shard_hour_usd") == 0.015);
  CHECK(c.value("kinesis.put_payload_unit.bytes") == 25 * 1024);
  CHECK(c.value("kinesis.price.put_payload_units_per_million_usd") == 0.014);
  // DynamoDB: 1,000 write and 3,000 read units per partition; $0.00065 per
  // WCU-hour; $0.625 per million WRU since 2024-11-01 (was $1.25).
  CHECK(c.value("dynamodb.partition.write_units_per_s") == 1000);
  CHECK(c.value("dynamodb.partition.read_units_per_s") == 3000);
  CHECK(c.value("dynamodb.price.wcu_hour_usd") == 0.00065);
  CHECK(c.value("dynamodb.price.on_demand_write_per_million_usd") == 0.625);
  CHECK(c.at("dynamodb.price.on_demand_write_per_million_usd").status == CatalogStatus::changed);
  // Lambda: $0.20 per million requests; x86 $0.0000166667 per GB-s for the
  // first 6 billion GB-s a month, then $0.000015, then $0.0000133334.
  CHECK(c.value("lambda.price.requests_per_million_usd") == 0.20);
  const auto& gb_s = c.at("lambda.price.x86_gb_s_usd");
  CHECK(gb_s.value == 0.0000166667);
  REQUIRE(gb_s.tiers.size() == 3);
  CHECK(gb_s.tiers[0].up_to == 6e9);
  CHECK(gb_s.tiers[1].up_to == 15e9);
  CHECK(gb_s.tiers[1].price == 0.000015);
  CHECK(gb_s.tiers[2].price == 0.0000133334);
  CHECK(gb_s.tiers[2].up_to == std::numeric_limits<double>::infinity());
  // S3 Standard: $0.023 per GB-month for the first 50 TB.
  CHECK(c.value("s3.price.standard_storage_gb_month_usd") == 0.023);
  // Athena: $5 per TB scanned, at least 10 MB (taken as MiB) per query.
  CHECK(c.value("athena.price.tb_scanned_usd") == 5);
  CHECK(c.value("athena.query.min_billed_bytes") == 10 * 1024 * 1024);
  // Redshift ra3.4xlarge $3.26 per node-hour; Glue $0.44 per DPU-hour.
  CHECK(c.value("redshift.price.ra3_4xlarge_node_hour_usd") == 3.26);
  CHECK(c.value("glue.price.dpu_hour_usd") == 0.44);
  // Sources come with their dates: the Kinesis price fixture is of 2024-07-01.
  const auto& shard_hour = c.at("kinesis.price.shard_hour_usd");
  CHECK(shard_hour.sources[0].key == "K10");
  CHECK(shard_hour.sources[0].date == "2024-07-01");
  CHECK(c.at("kinesis.shard.write_bytes_per_s").sources[0].document ==
        "docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html");
}

TEST_CASE("catalog: an unknown id is a clear error that names it") {
  const model::Catalog& c = scenario::builtin_catalog();
  CHECK(c.find("kinesis.shard.teleport_per_s") == nullptr);
  CHECK(c.find("kinesis.shard.write_bytes_per_s") != nullptr);
  CHECK_THROWS_WITH_AS(c.at("kinesis.shard.teleport_per_s"),
                       doctest::Contains("no entry has the id 'kinesis.shard.teleport_per_s'"), std::out_of_range);
  // A misspelt id gets the one it was probably meant to be.
  CHECK_THROWS_WITH_AS(c.at("kinesis.shard.write_byte_per_s"),
                       doctest::Contains("did you mean 'kinesis.shard.write_bytes_per_s'?"), std::out_of_range);
  CHECK_THROWS_AS(model::Catalog({model::CatalogEntry{.id = "a.b"}, model::CatalogEntry{.id = "a.b"}}),
                  std::invalid_argument);
}

TEST_CASE("catalog: entries without a value, unit, sources or known status are reported where they are") {
  const std::string text = R"(region: us-east-1
documents:
  K1: {document: docs.aws.amazon.com/a.html, date: 2024-07-01}
entries:
  - id: a.no_value
    unit: s
    what: x
    status: ok
    sources: [K1]
  - id: a.no_unit
    value: 1
    what: x
    status: ok
    sources: [K1]
  - id: a.no_sources
    value: 1
    unit: s
    what: x
    status: ok
  - id: a.bad_status
    value: 1
    unit: s
    what: x
    status: confirmed
    sources: [K1]
  - id: a.empty_sources
    value: 1
    unit: s
    what: x
    status: ok
    sources: []
)";
  CHECK(problems(text) ==
        lines({
            "bad.yaml:5:5: error: 'a.no_value' has no 'value': the limit or price, in the entry's unit",
            "bad.yaml:10:5: error: 'a.no_unit' has no 'unit': every number states its unit (bytes/s, s, count, "
            "usd/GB-month, ...)",
            "bad.yaml:15:5: error: 'a.no_sources' has no 'sources'; every number needs the document it comes from "
            "and that document's date",
            "bad.yaml:24:13: error: unknown status 'confirmed'; use one of ok, third_party, unconfirmed or changed",
            "bad.yaml:31:14: error: 'sources' of 'a.empty_sources' must be a list of at least one source; every "
            "number needs the document it comes from and that document's date",
        }));
}

TEST_CASE("catalog: a duplicate id, an undated source and an unknown source are reported") {
  const std::string text = R"(region: us-east-1
documents:
  K1: {document: docs.aws.amazon.com/a.html, date: 2024-07-01}
  K2: {document: docs.aws.amazon.com/b.html}
  K3: {document: docs.aws.amazon.com/c.html, date: July 2024}
entries:
  - {id: a.one, value: 1, unit: s, what: x, status: ok, sources: [K1]}
  - {id: a.one, value: 2, unit: s, what: x, status: ok, sources: [K1]}
  - {id: a.two, value: 1, unit: s, what: x, status: ok, sources: [{document: somewhere.html}]}
  - {id: a.three, value: 1, unit: s, what: x, status: ok, sources: [K11]}
)";
  CHECK(problems(text) ==
        lines({
            "bad.yaml:4:7: error: the source 'K2' has no 'date': a source needs a date: the document's own "
            "(2024-07-01) or, for a page that carries none, when it was read (retrieved 2026-11)",
            "bad.yaml:5:52: error: 'July 2024' is not a date; write YYYY-MM-DD or YYYY-MM, or 'retrieved YYYY-MM' "
            "for a page that carries no date",
            "bad.yaml:8:10: error: duplicate id 'a.one'; it is already used at line 7, and each id names one number",
            "bad.yaml:9:67: error: a source of 'a.two' has no 'date': a source needs a date: the document's own "
            "(2024-07-01) or, for a page that carries none, when it was read (retrieved 2026-11)",
            "bad.yaml:10:69: error: 'a.three' cites 'K11', which 'documents' does not define; did you mean 'K1'?",
        }));
}

TEST_CASE("catalog: misspelt keys, values that are not numbers and tiers that do not rise are reported") {
  const std::string text = R"(region: us-east-1
documents:
  K1: {document: docs.aws.amazon.com/a.html, date: retrieved 2026-11}
entries:
  - id: a.misspelt
    value: 1
    unit: s
    what: x
    status: ok
    soruces: [K1]
  - id: a.words
    value: one MiB
    unit: bytes
    what: x
    status: ok
    sources: [K1]
  - id: a.price.tiers_usd
    unit: usd/GB
    what: x
    status: ok
    sources: [K1]
    tier_unit: GB per month
    tiers:
      - {up_to: 100, price: 0.5}
      - {price: 0.4}
      - {up_to: 50, price: 0.3}
  - id: Bad.Id
    value: 1
    unit: s
    what: x
    status: ok
    sources: [K1]
)";
  CHECK(problems(text) ==
        lines({
            "bad.yaml:5:5: error: 'a.misspelt' has no 'sources'; every number needs the document it comes from and "
            "that document's date",
            "bad.yaml:10:5: error: unknown key 'soruces' in 'a.misspelt'; did you mean 'sources'?",
            "bad.yaml:12:12: error: the value of 'a.words' must be a number, not 'one MiB'",
            "bad.yaml:25:9: error: only the last tier of 'a.price.tiers_usd' may leave out 'up_to' (no upper bound)",
            "bad.yaml:26:17: error: the tiers of 'a.price.tiers_usd' must rise: each 'up_to' above the one before",
            "bad.yaml:27:9: error: 'Bad.Id' is not a catalog id; write lower-case dotted words such as "
            "kinesis.shard.write_bytes_per_s",
        }));
}

TEST_CASE("catalog: a document that is not a catalog is reported at its start") {
  CHECK(problems("- just\n- a list\n") ==
        lines({
            "bad.yaml:1:1: error: a catalog is a mapping with 'region', 'documents' and 'entries', not a list"}));
  CHECK(problems("region: us-east-1\n") ==
        lines({"bad.yaml:1:1: error: the catalog needs 'entries': a list of limits and prices"}));
}

TEST_CASE("catalog: the report lists each number with its unit, status, source and date") {
  const std::string text = report::format_catalog(scenario::builtin_catalog());
  CHECK(text.find("us-east-1") != std::string::npos);
  CHECK(text.find("id") != std::string::npos);
  // One row: the id, the value with thousands separated, the unit, the status and the first source with its date.
  const auto row = text.find("kinesis.shard.write_bytes_per_s");
  REQUIRE(row != std::string::npos);
  const std::string line = text.substr(row, text.find('\n', row) - row);
  CHECK(line.find("1,048,576") != std::string::npos);
  CHECK(line.find("bytes/s") != std::string::npos);
  CHECK(line.find(" ok ") != std::string::npos);
  CHECK(line.find("docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html (retrieved 2026-11)") !=
        std::string::npos);
  // Small prices in plain decimals, as the price lists write them, and tiers on rows of their own.
  CHECK(text.find("0.0000166667") != std::string::npos);
  CHECK(text.find("up to 6,000,000,000 GB-s per month") != std::string::npos);
  CHECK(text.find("unconfirmed") != std::string::npos);
}

TEST_CASE("catalog: docs/catalog.md states the unit of every price") {
  // Every `.price.` entry has its row in the page's table of price units:
  // "| `ID` | UNIT | one unit is |", with the catalog's own unit; and a
  // price billed per byte scanned is per binary TiB, as AWS means its TB.
  std::ifstream in(std::string(ARCHSIM_SOURCE_DIR) + "/docs/catalog.md");
  REQUIRE(in.good());
  std::stringstream page;
  page << in.rdbuf();
  const std::string text = page.str();
  std::size_t prices = 0;
  for (const auto& e : scenario::builtin_catalog().entries()) {
    if (e.id.find(".price.") == std::string::npos) continue;
    ++prices;
    CHECK_MESSAGE(starts_with(e.unit, "usd/"), e.id << " has unit " << e.unit);
    CHECK_MESSAGE(text.find("| `" + e.id + "` | " + e.unit + " | ") != std::string::npos,
                  e.id << " (" << e.unit << ") has no row in docs/catalog.md's table of price units");
  }
  CHECK(prices > 50);
  CHECK(scenario::builtin_catalog().at("athena.price.tb_scanned_usd").unit == "usd/TiB");
  CHECK(scenario::builtin_catalog().at("redshift.price.spectrum_tb_usd").unit == "usd/TiB");
}
