package io.gureum.ec2.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An instance enabled (now or earlier) for SQL Server High Availability standby detection, with each detection
 * its enablings started, oldest first. A detection is {@code processing} for {@link #DETECTION} of the core clock and
 * then {@code invalid} with the outcome it ends with: Gureum's instances run no operating system, no SSM Agent and
 * no SQL Server, so the HA state can never be determined. The status is derived from the times, so nothing has to
 * run when it changes, and a restart keeps it going from the recorded times.
 */
final class SqlHaInstance {
    /** How long a detection is {@code processing}; AWS documents no figure, so this is Gureum's transition time. */
    static final Duration DETECTION = Duration.ofSeconds(5);

    String instanceId;
    Instant firstEnabled;
    final List<Detection> detections = new ArrayList<>();

    /** One enabling: from {@link #started} until disabled ({@link #ended}) or enabled again. */
    static final class Detection {
        Instant started;
        /** When it was disabled or replaced by a new enabling; null while it runs. */
        Instant ended;
        /** The Secrets Manager secret ARN given, or null (the SSM Agent's local user). */
        String credentials;
        /** The processing status message the detection ends with, decided when it starts. */
        String outcome;

        Instant settles() {
            return started.plus(DETECTION);
        }

        /** Whether it reached {@code invalid} before it ended (or by {@code now}). */
        boolean settledBy(Instant now) {
            Instant settles = settles();
            return !now.isBefore(settles) && (ended == null || !ended.isBefore(settles));
        }
    }

    SqlHaInstance() {
    }

    SqlHaInstance(String instanceId, Instant firstEnabled) {
        this.instanceId = instanceId;
        this.firstEnabled = firstEnabled;
    }

    /** The running detection, or null when the instance is disabled. */
    Detection current() {
        Detection last = detections.isEmpty() ? null : detections.get(detections.size() - 1);
        return last == null || last.ended != null ? null : last;
    }
}
