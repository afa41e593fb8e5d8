package io.gureum.ec2.instances;

import io.gureum.core.events.ServiceEvent;
import io.gureum.core.time.DueTimer;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.Timing;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * EC2's "EC2 Instance State-change Notification" events (source {@code aws.ec2}, detail
 * {@code {"instance-id", "state"}}) for EventBridge, one per state an instance enters
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html), published
 * on core's event bus (ADR 0012). A transitional state (pending, stopping, shutting-down) settles when
 * read; a timer on the clock reads it when it is due, so the settled state's event comes on time even if
 * nobody describes the instance.
 */
public final class InstanceStateEvents implements AutoCloseable {
    private final Compute compute;
    private final ScheduledThreadPoolExecutor thread;
    private final DueTimer due;
    /** Told of each state an instance enters, after the Capacity Reservation it leaves is released. */
    volatile InstanceUsage usage = (account, region, instance, billable, at) -> { };

    public InstanceStateEvents(Compute compute) {
        this.compute = compute;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-ec2-state-events");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.due = new DueTimer(compute.ctx.clock(), thread, thread);
    }

    /** The listener of an instance of store {@code s}. */
    Instance.StateListener listener(ComputeStore s) {
        return (instance, state, at) -> {
            boolean billable = state == InstanceState.PENDING || state == InstanceState.RUNNING;
            if (!billable) {
                // A stopped or terminated instance no longer uses its Capacity Reservation's capacity.
                instance.capacityReservationId = null;
            }
            usage.observe(s.account, s.region, instance, billable, at);
            String arn = "arn:aws:ec2:" + s.region + ":" + s.account + ":instance/" + instance.id;
            compute.ctx.events().publish(new ServiceEvent(s.account, s.region, "aws.ec2",
                    "EC2 Instance State-change Notification", List.of(arn),
                    "{\"instance-id\":\"" + instance.id + "\",\"state\":\"" + state.label + "\"}", at));
            if (state.transitional()) {
                Instant settles = at.plus(Timing.TRANSITION);
                due.at(settles, () -> {
                    synchronized (s) {
                        instance.state(compute.now());
                        compute.records.record(s);
                    }
                });
            }
        };
    }

    /** Arms the timer of a restored instance still in a transitional state. */
    void rearm(ComputeStore s, Instance instance) {
        InstanceState state = instance.settledState();
        if (state.transitional() && instance.stateSince != null) {
            due.at(instance.stateSince.plus(Timing.TRANSITION), () -> {
                synchronized (s) {
                    instance.state(compute.now());
                    compute.records.record(s);
                }
            });
        }
    }

    @Override
    public void close() {
        due.close();
        thread.shutdownNow();
    }
}
