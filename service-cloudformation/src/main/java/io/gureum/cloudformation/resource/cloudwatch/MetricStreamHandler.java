package io.gureum.cloudformation.resource.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamFilter;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamStatisticsConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricStreamRequest;

/**
 * {@code AWS::CloudWatch::MetricStream}. {@code Ref} is the stream's name (generated when {@code Name} is absent);
 * {@code Fn::GetAtt} gives {@code Arn}, {@code CreationDate}, {@code LastUpdateDate} and {@code State}. {@code Name}
 * replaces it; the other properties change in place with PutMetricStream, {@code Tags} with TagResource/UntagResource.
 * The nested shapes mirror CloudWatch's API member for member. As in CloudWatch, nothing is delivered to Firehose.
 */
public final class MetricStreamHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ExcludeFilters", "FirehoseArn", "IncludeFilters",
            "IncludeLinkedAccountsMetrics", "Name", "OutputFormat", "RoleArn", "StatisticsConfigurations", "Tags");

    @Override
    public String type() {
        return "AWS::CloudWatch::MetricStream";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(255);
        r.client(CloudWatchClient.class).putMetricStream(request(r, name).tags(CloudWatchTags.of(r)).build());
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(CloudWatchClient.class).putMetricStream(request(r, r.physicalId()).build());
        Created c = result(r, r.physicalId());
        if (r.changedProperties().contains("Tags") || !r.stackTags().isEmpty()) {
            CloudWatchTags.update(r, c.attributes().get("Arn").asText());
        }
        return c;
    }

    private static PutMetricStreamRequest.Builder request(ResourceRequest r, String name) {
        return PutMetricStreamRequest.builder().name(name).firehoseArn(r.requiredText("FirehoseArn"))
                .roleArn(r.requiredText("RoleArn")).outputFormat(r.requiredText("OutputFormat"))
                .includeFilters(filters(r, "IncludeFilters")).excludeFilters(filters(r, "ExcludeFilters"))
                .statisticsConfigurations(statistics(r)).includeLinkedAccountsMetrics(r.bool(
                        "IncludeLinkedAccountsMetrics"));
    }

    private static List<MetricStreamFilter> filters(ResourceRequest r, String property) {
        JsonNode list = r.property(property);
        if (list == null) {
            return null;
        }
        List<MetricStreamFilter> out = new ArrayList<>();
        list.forEach(f -> out.add(SdkJson.build(f, MetricStreamFilter.builder(), property)));
        return out;
    }

    private static List<MetricStreamStatisticsConfiguration> statistics(ResourceRequest r) {
        JsonNode list = r.property("StatisticsConfigurations");
        if (list == null) {
            return null;
        }
        List<MetricStreamStatisticsConfiguration> out = new ArrayList<>();
        list.forEach(c -> out.add(SdkJson.build(c, MetricStreamStatisticsConfiguration.builder(),
                "StatisticsConfigurations")));
        return out;
    }

    private static Created result(ResourceRequest r, String name) {
        GetMetricStreamResponse s = r.client(CloudWatchClient.class).getMetricStream(b -> b.name(name));
        return Created.of(name).attribute("Arn", s.arn()).attribute("CreationDate", s.creationDate().toString())
                .attribute("LastUpdateDate", s.lastUpdateDate().toString()).attribute("State", s.state());
    }

    @Override
    public void delete(ResourceRequest r) {
        r.client(CloudWatchClient.class).deleteMetricStream(b -> b.name(r.physicalId()));
    }
}
