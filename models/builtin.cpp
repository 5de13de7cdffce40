#include "archsim/models/builtin.hpp"

#include "archsim/models/athena/athena_workgroup.hpp"
#include "archsim/models/dynamodb/dynamodb_table.hpp"
#include "archsim/models/emr/emr_cluster.hpp"
#include "archsim/models/firehose/firehose_stream.hpp"
#include "archsim/models/flink/flink_application.hpp"
#include "archsim/models/glue/glue_job.hpp"
#include "archsim/models/kinesis/kinesis_stream.hpp"
#include "archsim/models/lambda/lambda_function.hpp"
#include "archsim/models/msk/msk_cluster.hpp"
#include "archsim/models/primitives/delay.hpp"
#include "archsim/models/primitives/server.hpp"
#include "archsim/models/redshift/redshift_cluster.hpp"
#include "archsim/models/s3/s3_bucket.hpp"
#include "archsim/models/workload/source.hpp"

namespace archsim::models {

namespace {
std::vector<model::ModelSpec> register_builtin_models() {
  return {
      Server::spec(),
      Delay::spec(),
      Sink::spec(),
      KinesisStream::spec(),
      MskCluster::spec(),
      LambdaFunction::spec(),
      FirehoseStream::spec(),
      S3Bucket::spec(),
      DynamoDbTable::spec(),
      FlinkApplication::spec(),
      AthenaWorkgroup::spec(),
      GlueJob::spec(),
      EmrCluster::spec(),
      RedshiftCluster::spec(),
  };
}
}  // namespace

const std::vector<model::ModelSpec>& builtin_models() {
  static const std::vector<model::ModelSpec> models = register_builtin_models();
  return models;
}

const model::ModelSpec* find_model(const std::string& service) {
  for (const auto& m : builtin_models())
    if (m.service == service) return &m;
  return nullptr;
}

const model::ModelSpec& source_spec() {
  static const model::ModelSpec spec = Source::spec();
  return spec;
}

}  // namespace archsim::models
