package io.gureum.ec2.instances;

import java.time.Instant;

/**
 * Hears what an instance uses change: it enters a state (billable while pending or running) or leaves a Capacity
 * Reservation. Called holding the place's compute store lock.
 */
@FunctionalInterface
public interface InstanceUsage {
    void observe(String account, String region, Instance instance, boolean billable, Instant at);
}
