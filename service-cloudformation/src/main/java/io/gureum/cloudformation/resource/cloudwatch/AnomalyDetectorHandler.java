package io.gureum.cloudformation.resource.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetectorConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricCharacteristics;
import software.amazon.awssdk.services.cloudwatch.model.MetricMathAnomalyDetector;
import software.amazon.awssdk.services.cloudwatch.model.Range;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.SingleMetricAnomalyDetector;

/**
 * {@code AWS::CloudWatch::AnomalyDetector}. {@code Ref} and {@code Fn::GetAtt Id} give a generated id (the
 * detector has no name or ARN in CloudWatch's API: it is found by its metric). The metric (single, metric math,
 * or the legacy {@code Namespace}/{@code MetricName}/{@code Dimensions}/{@code Stat}) replaces it;
 * {@code Configuration} and {@code MetricCharacteristics} change in place (PutAnomalyDetector again).
 * The nested shapes mirror CloudWatch's API member for member.
 */
public final class AnomalyDetectorHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Configuration", "Dimensions", "MetricCharacteristics",
            "MetricMathAnomalyDetector", "MetricName", "Namespace", "SingleMetricAnomalyDetector", "Stat");

    @Override
    public String type() {
        return "AWS::CloudWatch::AnomalyDetector";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Dimensions", "MetricMathAnomalyDetector", "MetricName", "Namespace",
                "SingleMetricAnomalyDetector", "Stat");
    }

    @Override
    public Created create(ResourceRequest r) {
        put(r);
        String id = r.generatedName(255);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        put(r);
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    private static void put(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode config = r.property("Configuration");
        JsonNode characteristics = r.property("MetricCharacteristics");
        r.client(CloudWatchClient.class).putAnomalyDetector(b -> b.namespace(r.text("Namespace"))
                .metricName(r.text("MetricName")).dimensions(dimensions(r)).stat(r.text("Stat"))
                .singleMetricAnomalyDetector(single(r)).metricMathAnomalyDetector(math(r))
                .configuration(configuration(config))
                .metricCharacteristics(characteristics == null ? null
                        : SdkJson.build(characteristics, MetricCharacteristics.builder(), "MetricCharacteristics")));
    }

    /**
     * The template's {@code Configuration}: CloudFormation spells the time zone {@code MetricTimeZone} where the
     * API has {@code MetricTimezone}, and writes excluded ranges' times without a zone (UTC).
     */
    private static AnomalyDetectorConfiguration configuration(JsonNode c) {
        if (c == null) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        c.path("ExcludedTimeRanges").forEach(t -> ranges.add(Range.builder().startTime(time(Json.text(t, "StartTime")))
                .endTime(time(Json.text(t, "EndTime"))).build()));
        return AnomalyDetectorConfiguration.builder().metricTimezone(Json.text(c, "MetricTimeZone"))
                .excludedTimeRanges(ranges.isEmpty() ? null : ranges).build();
    }

    private static Instant time(String t) {
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException noZone) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchClient.class).deleteAnomalyDetector(b -> b.namespace(r.text("Namespace"))
                    .metricName(r.text("MetricName")).dimensions(dimensions(r)).stat(r.text("Stat"))
                    .singleMetricAnomalyDetector(single(r)).metricMathAnomalyDetector(math(r)));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    private static List<Dimension> dimensions(ResourceRequest r) {
        if (!r.has("Dimensions")) {
            return null;
        }
        List<Dimension> out = new ArrayList<>();
        r.property("Dimensions").forEach(d -> out.add(SdkJson.build(d, Dimension.builder(), "Dimensions")));
        return out;
    }

    private static SingleMetricAnomalyDetector single(ResourceRequest r) {
        JsonNode s = r.property("SingleMetricAnomalyDetector");
        return s == null ? null : SdkJson.build(s, SingleMetricAnomalyDetector.builder(), "SingleMetricAnomalyDetector");
    }

    private static MetricMathAnomalyDetector math(ResourceRequest r) {
        JsonNode m = r.property("MetricMathAnomalyDetector");
        return m == null ? null : SdkJson.build(m, MetricMathAnomalyDetector.builder(), "MetricMathAnomalyDetector");
    }
}
