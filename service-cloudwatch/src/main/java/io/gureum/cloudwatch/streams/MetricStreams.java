package io.gureum.cloudwatch.streams;

import io.gureum.cloudwatch.CloudWatchErrors;
import io.gureum.cloudwatch.CloudWatchStore;
import io.gureum.cloudwatch.CloudWatchStores;
import io.gureum.cloudwatch.Pages;
import io.gureum.cloudwatch.metrics.Aggregate;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.DeleteMetricStreamRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricStreamsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricStreamsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamEntry;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamFilter;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamOutputFormat;
import software.amazon.awssdk.services.cloudwatch.model.MetricStreamStatisticsConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricStreamRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricStreamResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StartMetricStreamsRequest;
import software.amazon.awssdk.services.cloudwatch.model.StartMetricStreamsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StopMetricStreamsRequest;
import software.amazon.awssdk.services.cloudwatch.model.StopMetricStreamsResponse;

/**
 * Metric streams, stored and validated but never delivered (Kinesis Data Firehose is not emulated): PutMetricStream
 * (creates in state {@code running}, an update keeps the state and ignores Tags, as documented), GetMetricStream,
 * ListMetricStreams (by name, pages), DeleteMetricStream (a missing stream is no error: the API documents no
 * ResourceNotFound for it), StartMetricStreams/StopMetricStreams (names of no stream are passed over: neither
 * operation documents a ResourceNotFound error).
 */
public final class MetricStreams {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");
    private static final java.util.regex.Pattern OTEL_STAT =
            java.util.regex.Pattern.compile("p(\\d{1,2}(\\.\\d{1,10})?|100(\\.0{1,10})?)");

    private final CloudWatchStores stores;
    private final ResourceRegistry registry;

    public MetricStreams(CloudWatchStores stores, ResourceRegistry registry) {
        this.stores = stores;
        this.registry = registry;
    }

    public PutMetricStreamResponse putMetricStream(PutMetricStreamRequest r) {
        if (!NAME.matcher(r.name()).matches()) {
            throw CloudWatchErrors.invalidValue(r.name(), "Name");
        }
        boolean include = r.hasIncludeFilters() && !r.includeFilters().isEmpty();
        boolean exclude = r.hasExcludeFilters() && !r.excludeFilters().isEmpty();
        if (include && exclude) {
            throw CloudWatchErrors.combination("You cannot specify both IncludeFilters and ExcludeFilters.");
        }
        CloudWatchStore store = stores.current();
        checkArn(r.firehoseArn(), "FirehoseArn", "firehose", "deliverystream/", store);
        checkArn(r.roleArn(), "RoleArn", "iam", "role/", store);
        if (r.outputFormat() == MetricStreamOutputFormat.UNKNOWN_TO_SDK_VERSION) {
            throw CloudWatchErrors.invalidValue(r.outputFormatAsString(), "OutputFormat");
        }
        checkFilters(include ? r.includeFilters() : exclude ? r.excludeFilters() : List.of());
        checkStatistics(r.statisticsConfigurations(), r.outputFormat());
        long now = stores.now();
        synchronized (store.alarms) {
            MetricStream existing = store.metricStreams.get(r.name());
            String arn = Arn.of("cloudwatch", store.region, store.account, "metric-stream/" + r.name()).toString();
            GetMetricStreamResponse.Builder b = GetMetricStreamResponse.builder().arn(arn).name(r.name())
                    .includeFilters(include ? r.includeFilters() : List.of())
                    .excludeFilters(exclude ? r.excludeFilters() : List.of()).firehoseArn(r.firehoseArn())
                    .roleArn(r.roleArn()).outputFormat(r.outputFormat())
                    .statisticsConfigurations(r.hasStatisticsConfigurations() ? r.statisticsConfigurations()
                            : List.of())
                    .includeLinkedAccountsMetrics(Boolean.TRUE.equals(r.includeLinkedAccountsMetrics()))
                    .lastUpdateDate(Instant.ofEpochMilli(now));
            if (existing != null) {
                existing.view = b.state(existing.view.state()).creationDate(existing.view.creationDate()).build();
            } else {
                if (r.hasTags() && r.tags().size() > 50) {
                    throw ModeledErrors.of(LimitExceededException.class,
                            "The maximum number of tags for the resource has been exceeded.");
                }
                MetricStream s = new MetricStream(r.name(), arn, b.state("running").creationDate(Instant.ofEpochMilli(
                        now)).build());
                if (r.hasTags()) {
                    r.tags().forEach(t -> s.tags.put(t.key(), t.value()));
                }
                store.metricStreams.put(s.name, s);
                s.tags.attach(registry, store.account, store.region, "cloudwatch", "metric-stream/" + s.name,
                        Arn.parse(arn));
            }
            return PutMetricStreamResponse.builder().arn(arn).build();
        }
    }

    /** An ARN of the service and resource type in the stream's own account, as the API reference requires. */
    private static void checkArn(String value, String parameter, String service, String resourcePrefix,
            CloudWatchStore store) {
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (RuntimeException e) {
            throw CloudWatchErrors.invalidValue(value, parameter);
        }
        if (!arn.service().equals(service) || !arn.resource().startsWith(resourcePrefix)
                || arn.resource().length() == resourcePrefix.length()) {
            throw CloudWatchErrors.invalidValue(value, parameter);
        }
        if (!arn.accountId().equals(store.account)) {
            throw CloudWatchErrors.invalidValue("The " + parameter + " must be in the same account as the metric"
                    + " stream.");
        }
    }

    private static void checkFilters(List<MetricStreamFilter> filters) {
        for (MetricStreamFilter f : filters) {
            if (f.namespace() == null || f.namespace().isBlank()) {
                throw CloudWatchErrors.missing("The parameter Namespace is required in each metric stream filter.");
            }
            if (f.hasMetricNames()) {
                for (String n : f.metricNames()) {
                    if (n.isBlank() || !n.chars().allMatch(c -> c >= 32 && c <= 126)) {
                        throw CloudWatchErrors.invalidValue(n, "MetricNames");
                    }
                }
            }
        }
    }

    private static void checkStatistics(List<MetricStreamStatisticsConfiguration> configs,
            MetricStreamOutputFormat format) {
        if (configs == null) {
            return;
        }
        if (configs.size() > 100) {
            throw CloudWatchErrors.invalidValue("StatisticsConfigurations can have at most 100 members.");
        }
        boolean otel = format != MetricStreamOutputFormat.JSON;
        for (MetricStreamStatisticsConfiguration c : configs) {
            if (c.includeMetrics().size() > 100) {
                throw CloudWatchErrors.invalidValue("IncludeMetrics can have at most 100 members.");
            }
            if (c.additionalStatistics().size() > 20) {
                throw CloudWatchErrors.invalidValue("AdditionalStatistics can have at most 20 members.");
            }
            for (String stat : c.additionalStatistics()) {
                boolean ok = otel ? OTEL_STAT.matcher(stat).matches() : Aggregate.isPercentile(stat);
                if (!ok) {
                    throw CloudWatchErrors.invalidValue(stat, "AdditionalStatistics");
                }
            }
        }
    }

    public GetMetricStreamResponse getMetricStream(GetMetricStreamRequest r) {
        return stream(stores.current(), r.name()).view;
    }

    private static MetricStream stream(CloudWatchStore store, String name) {
        MetricStream s = store.metricStreams.get(name);
        if (s == null) {
            throw ModeledErrors.of(ResourceNotFoundException.class, "The metric stream " + name + " does not exist.");
        }
        return s;
    }

    public ListMetricStreamsResponse listMetricStreams(ListMetricStreamsRequest r) {
        List<MetricStream> all = new ArrayList<>(stores.current().metricStreams.values());
        Pages<MetricStream> page = Pages.of("ListMetricStreams", all, r.nextToken(),
                r.maxResults() == null ? 500 : r.maxResults());
        return ListMetricStreamsResponse.builder().entries(page.items().stream().map(s -> {
            GetMetricStreamResponse v = s.view;
            return MetricStreamEntry.builder().arn(v.arn()).name(v.name()).firehoseArn(v.firehoseArn())
                    .state(v.state()).outputFormat(v.outputFormat()).creationDate(v.creationDate())
                    .lastUpdateDate(v.lastUpdateDate()).build();
        }).toList()).nextToken(page.nextToken()).build();
    }

    public DeleteMetricStreamResponse deleteMetricStream(DeleteMetricStreamRequest r) {
        CloudWatchStore store = stores.current();
        synchronized (store.alarms) {
            MetricStream s = store.metricStreams.remove(r.name());
            if (s != null) {
                s.tags.detach();
            }
        }
        return DeleteMetricStreamResponse.builder().build();
    }

    public StartMetricStreamsResponse startMetricStreams(StartMetricStreamsRequest r) {
        setState(r.names(), "running");
        return StartMetricStreamsResponse.builder().build();
    }

    public StopMetricStreamsResponse stopMetricStreams(StopMetricStreamsRequest r) {
        setState(r.names(), "stopped");
        return StopMetricStreamsResponse.builder().build();
    }

    private void setState(List<String> names, String state) {
        CloudWatchStore store = stores.current();
        synchronized (store.alarms) {
            for (String n : names) {
                MetricStream s = store.metricStreams.get(n);
                if (s != null) {
                    s.view = s.view.toBuilder().state(state).build();
                }
            }
        }
    }
}
