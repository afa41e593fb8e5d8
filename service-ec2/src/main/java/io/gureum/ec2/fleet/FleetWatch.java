package io.gureum.ec2.fleet;

import io.gureum.core.events.ServiceEvent;
import io.gureum.core.events.Subscription;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes fleets act on the core clock without being described: when an instance reaches {@code terminated} or
 * {@code stopped} (EC2's "EC2 Instance State-change Notification" on core's event bus, whoever stopped or
 * terminated it), the fleets holding it are brought up to date at once, so a {@code maintain} fleet launches
 * its replacement (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-request-type.html: it
 * "maintains capacity by automatically replenishing" it); and a fleet is brought up to date at its ValidFrom
 * and ValidUntil. The work runs on a timer of the clock ({@link DueTimer}) on a thread of its own, never on the
 * publishing thread nor a Netty event loop, and holds the place's compute lock first (the order every compute
 * operation takes its locks in), then the family's.
 */
public final class FleetWatch implements AutoCloseable {
    /** A fleet family: brings the fleets of a place holding an instance (or every fleet, for null) up to date. */
    interface Family {
        void sweep(String account, String region, String instanceId);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FleetWatch.class);
    private static final String DETAIL_TYPE = "EC2 Instance State-change Notification";
    private static final Pattern DETAIL = Pattern.compile(
            "\"instance-id\"\\s*:\\s*\"([^\"]+)\".*\"state\"\\s*:\\s*\"(terminated|stopped)\"");

    private final BiFunction<String, String, Object> placeLock;
    private final io.gureum.core.time.GureumClock clock;
    private final ScheduledThreadPoolExecutor thread;
    private final DueTimer due;
    private final Subscription subscription;
    private final List<Family> families = new CopyOnWriteArrayList<>();

    /** @param placeLock the compute store of a place (account, region), whose monitor every compute operation holds */
    public FleetWatch(ServiceContext context, BiFunction<String, String, Object> placeLock) {
        this.placeLock = placeLock;
        this.clock = context.clock();
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-ec2-fleets");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.due = new DueTimer(context.clock(), thread, thread);
        this.subscription = context.events().subscribe(ServiceEvent.class, this::onEvent);
    }

    void add(Family family) {
        families.add(family);
    }

    private void onEvent(ServiceEvent e) {
        if (!"aws.ec2".equals(e.source()) || !DETAIL_TYPE.equals(e.detailType())) {
            return;
        }
        Matcher m = DETAIL.matcher(e.detailJson());
        if (m.find()) {
            String instanceId = m.group(1);
            due.at(e.time(), () -> run(e.account(), e.region(), instanceId));
        }
    }

    /**
     * A family's records whose restore also re-arms its timers ({@code rearm}: timers are not journaled) and, once
     * the server serves (in-process calls need it: a transition of the clock after the restart), brings the place's
     * fleets up to date with what happened to their instances while the server was down.
     */
    io.gureum.ec2.compute.PlaceFamily rearming(io.gureum.ec2.compute.PlaceFamily family,
            java.util.function.BiConsumer<String, String> rearm) {
        return new io.gureum.ec2.compute.PlaceFamily() {
            @Override
            public void each(String account, String region, io.gureum.ec2common.persist.RecordSink sink) {
                family.each(account, region, sink);
            }

            @Override
            public void restore(String account, String region, io.gureum.ec2.compute.PlaceRecords records) {
                family.restore(account, region, records);
                rearm.accept(account, region);
                at(clock.now().plus(io.gureum.ec2.compute.Timing.TRANSITION), account, region);
            }
        };
    }

    /** Brings the fleets of a place up to date when the clock reaches {@code at} (ValidFrom, ValidUntil). */
    void at(Instant at, String account, String region) {
        due.at(at, () -> run(account, region, null));
    }

    private void run(String account, String region, String instanceId) {
        Object lock = placeLock.apply(account, region);
        synchronized (lock) {
            for (Family f : families) {
                try {
                    f.sweep(account, region, instanceId);
                } catch (RuntimeException e) {
                    LOG.warn("Fleets of {} in {} could not be brought up to date", account, region, e);
                }
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
        due.close();
        thread.shutdownNow();
    }
}
