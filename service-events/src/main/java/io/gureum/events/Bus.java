package io.gureum.events;

import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;

/** One event bus and its rules, in name order. */
final class Bus {
    final String account;
    final String region;
    final String name;
    final String arn;
    final Instant creationTime;
    final RegisteredTags tags = new RegisteredTags();
    final ConcurrentNavigableMap<String, Rule> rules = new ConcurrentSkipListMap<>();
    volatile String description;
    volatile String kmsKeyIdentifier;
    volatile DeadLetterConfig deadLetterConfig;
    /** The resource-based policy as JSON text, or null. */
    volatile String policy;
    volatile Instant lastModifiedTime;

    Bus(String account, String region, String name, Instant creationTime) {
        this.account = account;
        this.region = region;
        this.name = name;
        this.arn = "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
    }

    boolean isDefault() {
        return name.equals(EventsStore.DEFAULT_BUS);
    }
}
