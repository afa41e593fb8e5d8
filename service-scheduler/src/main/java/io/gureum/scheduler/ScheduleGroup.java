package io.gureum.scheduler;

import java.time.Instant;

/** A schedule group of one account and region; its tags live in the resource registry. */
record ScheduleGroup(String name, String arn, Instant created, Instant modified) {
}
