package io.gureum.lambda;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Lambda's state in one account and region: functions and layers by name, event source mappings by UUID. */
final class LambdaStore {
    /** {@code LastModified} of functions: {@code 2024-01-01T00:00:00.000+0000}. */
    static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    final String account;
    final String region;
    final Map<String, LambdaFunction> functions = new ConcurrentSkipListMap<>();
    final Map<String, EventSourceMapping> mappings = new ConcurrentHashMap<>();
    final Map<String, Layer> layers = new ConcurrentSkipListMap<>();
    /** Code signing configs by ARN. */
    final Map<String, software.amazon.awssdk.services.lambda.model.CodeSigningConfig> codeSigningConfigs =
            new ConcurrentSkipListMap<>();
    /** Capacity providers by name. */
    final Map<String, CapacityProviderEntry> capacityProviders = new ConcurrentSkipListMap<>();
    /** Durable executions by ARN; synchronize on the map to start one (execution names are unique). */
    final Map<String, DurableExecution> durableExecutions = new ConcurrentHashMap<>();

    LambdaStore(String account, String region) {
        this.account = account;
        this.region = region;
    }

    static String lastModified(Instant t) {
        return LAST_MODIFIED.format(t);
    }
}
