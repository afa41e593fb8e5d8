package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** put-metric-data and get-metric-statistics as a user types them with the real {@code aws} CLI. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class CloudWatchCliIT extends CloudWatchTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void putMetricDataAndGetStatisticsWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String ns = unique("Cli");
        var t = now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        AwsCli.Result put = aws.run("cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Hits",
                "--value", "3", "--unit", "Count", "--timestamp", t.toString());
        assertEquals(0, put.exitCode(), put.stderr());
        AwsCli.Result put2 = aws.run("cloudwatch", "put-metric-data", "--namespace", ns, "--metric-name", "Hits",
                "--value", "5", "--unit", "Count", "--timestamp", t.plusSeconds(10).toString());
        assertEquals(0, put2.exitCode(), put2.stderr());
        AwsCli.Result stats = aws.run("cloudwatch", "get-metric-statistics", "--namespace", ns, "--metric-name", "Hits",
                "--start-time", t.toString(), "--end-time", t.plusSeconds(60).toString(), "--period", "60",
                "--statistics", "Sum", "Maximum");
        assertEquals(0, stats.exitCode(), stats.stderr());
        JsonNode point = JSON.readTree(stats.stdout()).get("Datapoints").get(0);
        assertEquals(8.0, point.get("Sum").asDouble());
        assertEquals(5.0, point.get("Maximum").asDouble());
        assertEquals("Count", point.get("Unit").asText());

        AwsCli.Result bad = aws.run("cloudwatch", "get-metric-statistics", "--namespace", ns, "--metric-name", "Hits",
                "--start-time", t.toString(), "--end-time", t.plusSeconds(60).toString(), "--period", "45",
                "--statistics", "Sum");
        assertTrue(bad.exitCode() != 0);
        assertTrue(bad.stderr().contains("InvalidParameterValue"), bad.stderr());
    }

    @Test
    void insightRulesAndMetricStreamsWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String rule = unique("cli-rule");
        String definition = "{\"Schema\":{\"Name\":\"CloudWatchLogRule\",\"Version\":1},\"LogGroupNames\":[\"/cli/*\"],"
                + "\"LogFormat\":\"JSON\",\"Contribution\":{\"Keys\":[\"$.ip\"]},\"AggregateOn\":\"Count\"}";
        AwsCli.Result put = aws.run("cloudwatch", "put-insight-rule", "--rule-name", rule, "--rule-definition",
                definition, "--rule-state", "DISABLED");
        assertEquals(0, put.exitCode(), put.stderr());
        AwsCli.Result described = aws.run("cloudwatch", "describe-insight-rules");
        assertEquals(0, described.exitCode(), described.stderr());
        boolean found = false;
        for (JsonNode r : JSON.readTree(described.stdout()).get("InsightRules")) {
            if (r.get("Name").asText().equals(rule)) {
                found = true;
                assertEquals("DISABLED", r.get("State").asText());
                assertEquals(definition, r.get("Definition").asText());
            }
        }
        assertTrue(found, described.stdout());
        AwsCli.Result deleted = aws.run("cloudwatch", "delete-insight-rules", "--rule-names", rule, "missing-rule");
        assertEquals(0, deleted.exitCode(), deleted.stderr());
        assertEquals("missing-rule", JSON.readTree(deleted.stdout()).get("Failures").get(0).get("FailureResource")
                .asText());

        String stream = unique("cli-stream");
        AwsCli.Result created = aws.run("cloudwatch", "put-metric-stream", "--name", stream, "--firehose-arn",
                "arn:aws:firehose:us-east-1:000000000000:deliverystream/m", "--role-arn",
                "arn:aws:iam::000000000000:role/r", "--output-format", "json");
        assertEquals(0, created.exitCode(), created.stderr());
        AwsCli.Result stopped = aws.run("cloudwatch", "stop-metric-streams", "--names", stream);
        assertEquals(0, stopped.exitCode(), stopped.stderr());
        AwsCli.Result got = aws.run("cloudwatch", "get-metric-stream", "--name", stream);
        assertEquals(0, got.exitCode(), got.stderr());
        assertEquals("stopped", JSON.readTree(got.stdout()).get("State").asText());
        AwsCli.Result both = aws.run("cloudwatch", "put-metric-stream", "--name", stream, "--firehose-arn",
                "arn:aws:firehose:us-east-1:000000000000:deliverystream/m", "--role-arn",
                "arn:aws:iam::000000000000:role/r", "--output-format", "json", "--include-filters", "Namespace=A",
                "--exclude-filters", "Namespace=B");
        assertTrue(both.exitCode() != 0);
        assertTrue(both.stderr().contains("InvalidParameterCombination"), both.stderr());
    }
}
