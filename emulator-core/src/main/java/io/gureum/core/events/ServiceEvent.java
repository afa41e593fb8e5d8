package io.gureum.core.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An event an AWS service emits to EventBridge (e.g. {@code aws.ec2} "EC2 Instance State-change
 * Notification", {@code aws.s3} "Object Created"), published on the {@link EventBus}. EventBridge, when
 * served, subscribes and puts it on the account's default bus of the region, with a generated id.
 *
 * @param source such as {@code aws.s3}
 * @param detailType such as {@code Object Created}
 * @param resources ARNs the event is about
 * @param detailJson the {@code detail} object as JSON text
 */
public record ServiceEvent(
        String account,
        String region,
        String source,
        String detailType,
        List<String> resources,
        String detailJson,
        Instant time) {

    public ServiceEvent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
        Objects.requireNonNull(detailJson, "detailJson");
        Objects.requireNonNull(time, "time");
    }
}
