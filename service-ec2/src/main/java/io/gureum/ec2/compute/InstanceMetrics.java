package io.gureum.ec2.compute;

import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.time.DueTimer;
import io.gureum.ec2.instances.Instance;
import io.gureum.ec2.instances.InstanceState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The metrics EC2 publishes in {@code AWS/EC2} under {@code InstanceId} for each running instance
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html): every
 * 5 minutes, or every minute with detailed monitoring, on Gureum's clock: at the first minute an instance
 * is seen running, then once its period has passed since its last data point (a clock jumped forward by an
 * hour gives one data point, not twelve).
 *
 * <p>Nothing runs in the instances, so the values are synthetic but plausible and repeatable: an
 * instance idles at a base load between 2% and 12% (fixed by its ID) plus a wave of ±3 points over the
 * day (UTC); {@code NetworkIn} and {@code NetworkOut} are 2 KB/s and 1 KB/s per percent of that load over
 * the period; the status checks never fail ({@code StatusCheckFailed}, {@code …_Instance},
 * {@code …_System} are 0).
 */
public final class InstanceMetrics implements AutoCloseable {
    static final String NAMESPACE = "AWS/EC2";

    private final Compute compute;
    private final EventBus events;
    private final ScheduledThreadPoolExecutor thread;
    private final DueTimer timer;
    /** Instance ID → the minute of its last data point. */
    private final Map<String, Instant> published = new ConcurrentHashMap<>();

    public InstanceMetrics(Compute compute) {
        this.compute = compute;
        this.events = compute.ctx.events();
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-ec2-metrics");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.timer = new DueTimer(compute.ctx.clock(), thread, thread);
        armNextMinute();
    }

    private void armNextMinute() {
        Instant minute = compute.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        timer.at(minute, () -> {
            if (events.hasSubscribers(ServiceMetric.class)) {
                compute.forEachStore(s -> publish(s, minute));
            }
            armNextMinute();
        });
    }

    private void publish(ComputeStore s, Instant minute) {
        List<Instance> due = new ArrayList<>();
        synchronized (s) {
            for (Instance i : s.instances.values()) {
                if (i.state(compute.now()) != InstanceState.RUNNING) {
                    published.remove(i.id);
                    continue;
                }
                Instant last = published.get(i.id);
                if (last == null || !last.plus(i.monitoring ? 1 : 5, ChronoUnit.MINUTES).isAfter(minute)) {
                    published.put(i.id, minute);
                    due.add(i);
                }
            }
        }
        for (Instance i : due) {
            int periodSeconds = i.monitoring ? 60 : 300;
            double cpu = cpu(i.id, minute);
            Map<String, String> dims = Map.of("InstanceId", i.id);
            publish(s, "CPUUtilization", dims, cpu, "Percent", minute);
            publish(s, "NetworkIn", dims, Math.round(cpu * 2048 * periodSeconds), "Bytes", minute);
            publish(s, "NetworkOut", dims, Math.round(cpu * 1024 * periodSeconds), "Bytes", minute);
            publish(s, "StatusCheckFailed", dims, 0, "Count", minute);
            publish(s, "StatusCheckFailed_Instance", dims, 0, "Count", minute);
            publish(s, "StatusCheckFailed_System", dims, 0, "Count", minute);
        }
    }

    /** The synthetic load of an instance at a time, in percent. */
    static double cpu(String instanceId, Instant at) {
        double base = 2 + Math.floorMod(instanceId.hashCode(), 1001) / 100.0;
        double dayFraction = at.getEpochSecond() % 86_400 / 86_400.0;
        return Math.round((base + 3 * Math.sin(2 * Math.PI * dayFraction)) * 100) / 100.0;
    }

    private void publish(ComputeStore s, String name, Map<String, String> dims, double value, String unit,
            Instant at) {
        events.publish(new ServiceMetric(s.account, s.region, NAMESPACE, name, dims, value, unit, at));
    }

    @Override
    public void close() {
        timer.close();
        thread.shutdownNow();
    }
}
