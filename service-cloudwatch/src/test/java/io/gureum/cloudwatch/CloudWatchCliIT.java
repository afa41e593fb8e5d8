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
}
