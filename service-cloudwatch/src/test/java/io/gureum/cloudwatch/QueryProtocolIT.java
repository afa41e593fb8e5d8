package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch over the query protocol (form posts, as the AWS CLI v1 and older SDKs send it): wire names with
 * {@code .member.N}, XML responses, and the legacy query error codes.
 */
class QueryProtocolIT extends CloudWatchTestSupport {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> post(Map<String, String> form) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.putIfAbsent("Version", "2010-08-01");
        String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void putMetricDataAndGetStatistics() throws Exception {
        String ns = unique("Query");
        Instant t = now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        Map<String, String> put = new LinkedHashMap<>();
        put.put("Action", "PutMetricData");
        put.put("Namespace", ns);
        put.put("MetricData.member.1.MetricName", "Hits");
        put.put("MetricData.member.1.Value", "4");
        put.put("MetricData.member.1.Unit", "Count");
        put.put("MetricData.member.1.Timestamp", t.toString());
        put.put("MetricData.member.1.Dimensions.member.1.Name", "Page");
        put.put("MetricData.member.1.Dimensions.member.1.Value", "home");
        HttpResponse<String> r = post(put);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("<PutMetricDataResponse"), r.body());

        Map<String, String> get = new LinkedHashMap<>();
        get.put("Action", "GetMetricStatistics");
        get.put("Namespace", ns);
        get.put("MetricName", "Hits");
        get.put("Dimensions.member.1.Name", "Page");
        get.put("Dimensions.member.1.Value", "home");
        get.put("StartTime", t.toString());
        get.put("EndTime", t.plusSeconds(60).toString());
        get.put("Period", "60");
        get.put("Statistics.member.1", "Sum");
        HttpResponse<String> stats = post(get);
        assertEquals(200, stats.statusCode(), stats.body());
        assertTrue(stats.body().contains("<Datapoints><member>"), stats.body());
        assertTrue(stats.body().contains("<Sum>4.0</Sum>"), stats.body());
        assertTrue(stats.body().contains("<Unit>Count</Unit>"), stats.body());
        assertTrue(stats.body().contains("<Label>Hits</Label>"), stats.body());
    }

    @Test
    void awsJsonWithTheGraniteTarget() throws Exception {
        String ns = unique("Json");
        cw.putMetricData(b -> b.namespace(ns).metricData(d -> d.metricName("Hits").value(1.0)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Namespace\":\"" + ns + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"MetricName\":\"Hits\""), r.body());
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Namespace\":\"AWS/EC2\",\"MetricData\":"
                        + "[{\"MetricName\":\"m\",\"Value\":1}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("InvalidParameterValue;Sender", bad.headers().firstValue("x-amzn-query-error").orElse(null));
    }

    @Test
    void errorsUseTheQueryCodes() throws Exception {
        Map<String, String> get = new LinkedHashMap<>();
        get.put("Action", "GetMetricStatistics");
        get.put("Namespace", "Q");
        get.put("MetricName", "Hits");
        get.put("StartTime", now().minusSeconds(600).toString());
        get.put("EndTime", now().toString());
        get.put("Period", "45");
        get.put("Statistics.member.1", "Sum");
        HttpResponse<String> r = post(get);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Code>InvalidParameterValue</Code>"), r.body());
        assertTrue(r.body().contains("<ErrorResponse"), r.body());
    }
}
