package io.gureum.cloudwatch.streams;

import io.gureum.core.state.RegisteredTags;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamResponse;

/**
 * A metric stream: its definition and state as GetMetricStream answers them (ARN, filters, Firehose and role ARNs,
 * output format, statistics configurations, state, creation and update dates) and its tags.
 */
public final class MetricStream {
    public final String name;
    public final String arn;
    volatile GetMetricStreamResponse view;
    /** Recorded in core's resource registry while the stream exists. */
    public final RegisteredTags tags = new RegisteredTags();

    MetricStream(String name, String arn, GetMetricStreamResponse view) {
        this.name = name;
        this.arn = arn;
        this.view = view;
    }

    public GetMetricStreamResponse view() {
        return view;
    }

    /** What a {@code --data-dir} record keeps of a stream: GetMetricStream's answer as JSON and the tags. */
    public record Value(String name, String arn, com.fasterxml.jackson.databind.JsonNode view,
            java.util.Map<String, String> tags) {
        public MetricStream toStream() {
            MetricStream s = new MetricStream(name, arn, io.gureum.core.persist.SdkJson.fromJson(view,
                    GetMetricStreamResponse.class));
            tags.forEach(s.tags::put);
            return s;
        }
    }

    public Value value() {
        return new Value(name, arn, io.gureum.core.persist.SdkJson.toJson(view), new java.util.LinkedHashMap<>(tags));
    }
}
