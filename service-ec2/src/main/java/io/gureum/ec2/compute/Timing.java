package io.gureum.ec2.compute;

import java.time.Duration;

/**
 * How long transitions take on the emulated clock. AWS gives no fixed figures; these are short so that
 * waiters polling DescribeInstances (the CLI's {@code instance-running} polls every 15 s) see the next
 * state at their first retry, and tests move the clock past them ({@code POST /_gureum/clock}).
 */
public final class Timing {
    /** pending → running, stopping → stopped, shutting-down → terminated. */
    public static final Duration TRANSITION = Duration.ofSeconds(5);
    /** A terminated instance is still described for about an hour (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html). */
    public static final Duration TERMINATED_VISIBLE = Duration.ofHours(1);
    /** An image made by CreateImage or CopyImage, and a snapshot, stay pending this long. */
    public static final Duration IMAGE_PENDING = Duration.ofSeconds(5);

    private Timing() {
    }
}
