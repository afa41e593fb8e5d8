package io.gureum.cloudformation.resource.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * {@code AWS::CloudWatch::Alarm}. {@code Ref} is the alarm name; {@code Fn::GetAtt} gives {@code Arn}.
 * {@code AlarmName} replaces it; every other property is set again in place with PutMetricAlarm, which
 * replaces the whole definition.
 */
public final class AlarmHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "ActionsEnabled", "AlarmActions", "AlarmDescription", "AlarmName", "ComparisonOperator",
            "DatapointsToAlarm", "Dimensions", "EvaluateLowSampleCountPercentile", "EvaluationPeriods",
            "ExtendedStatistic", "InsufficientDataActions", "MetricName", "Metrics", "Namespace", "OKActions",
            "Period", "Statistic", "Tags", "Threshold", "ThresholdMetricId", "TreatMissingData", "Unit");

    @Override
    public String type() {
        return "AWS::CloudWatch::Alarm";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AlarmName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("AlarmName") ? r.text("AlarmName") : r.generatedName(255);
        put(r, name, true);
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.physicalId(), r.changedProperties().contains("Tags"));
        return result(r, r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchClient.class).deleteAlarms(b -> b.alarmNames(r.physicalId()));
        } catch (AwsServiceException e) {
            // DeleteAlarms answers ResourceNotFound for an alarm that does not exist: already deleted.
            if (e.awsErrorDetails() == null || !"ResourceNotFound".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }

    private static void put(ResourceRequest r, String name, boolean tag) {
        List<Dimension> dimensions = new ArrayList<>();
        JsonNode given = r.property("Dimensions");
        if (given != null) {
            given.forEach(d -> dimensions.add(Dimension.builder().name(Json.text(d, "Name")).value(Json.text(d, "Value"))
                    .build()));
        }
        List<MetricDataQuery> metrics = new ArrayList<>();
        JsonNode queries = r.property("Metrics");
        if (queries != null) {
            queries.forEach(q -> metrics.add(SdkJson.build(q, MetricDataQuery.builder(), "Metrics")));
        }
        PutMetricAlarmRequest.Builder b = PutMetricAlarmRequest.builder().alarmName(name)
                .alarmDescription(r.text("AlarmDescription")).actionsEnabled(r.bool("ActionsEnabled"))
                .alarmActions(Json.strings(r.property("AlarmActions"))).okActions(Json.strings(r.property("OKActions")))
                .insufficientDataActions(Json.strings(r.property("InsufficientDataActions")))
                .metricName(r.text("MetricName")).namespace(r.text("Namespace")).statistic(r.text("Statistic"))
                .extendedStatistic(r.text("ExtendedStatistic")).dimensions(dimensions.isEmpty() ? null : dimensions)
                .period(r.integer("Period")).unit(r.text("Unit")).evaluationPeriods(r.integer("EvaluationPeriods"))
                .datapointsToAlarm(r.integer("DatapointsToAlarm"))
                .threshold(r.has("Threshold") ? Double.valueOf(r.text("Threshold")) : null)
                .comparisonOperator(r.text("ComparisonOperator")).treatMissingData(r.text("TreatMissingData"))
                .evaluateLowSampleCountPercentile(r.text("EvaluateLowSampleCountPercentile"))
                .metrics(metrics.isEmpty() ? null : metrics).thresholdMetricId(r.text("ThresholdMetricId"));
        if (tag) {
            List<Tag> tags = new ArrayList<>();
            Map<String, String> all = r.tagsWithTemplate("Tags");
            all.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            b.tags(tags);
        }
        r.client(CloudWatchClient.class).putMetricAlarm(b.build());
    }

    private static Created result(ResourceRequest r, String name) {
        String arn = r.client(CloudWatchClient.class).describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0)
                .alarmArn();
        return Created.of(name).attribute("Arn", arn);
    }
}
