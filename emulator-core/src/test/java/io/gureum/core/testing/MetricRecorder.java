package io.gureum.core.testing;

import io.gureum.core.Gureum;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.events.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the {@link ServiceMetric}s a running server's services publish on its event bus, for tests of
 * what a service emits. Close it to stop listening.
 */
public final class MetricRecorder implements AutoCloseable {
    private static final long PATIENCE_MILLIS = 120_000;

    private final List<ServiceMetric> metrics = new CopyOnWriteArrayList<>();
    private final Subscription subscription;

    public MetricRecorder(Gureum gureum) {
        this.subscription = gureum.context().events().subscribe(ServiceMetric.class, metrics::add);
    }

    /** The data points of {@code namespace}/{@code name} whose dimensions are exactly {@code dimensions}. */
    public List<ServiceMetric> of(String namespace, String name, Map<String, String> dimensions) {
        return metrics.stream().filter(m -> m.namespace().equals(namespace) && m.metricName().equals(name)
                && m.dimensions().equals(dimensions)).toList();
    }

    /** The sum of those data points' values. */
    public double sum(String namespace, String name, Map<String, String> dimensions) {
        return of(namespace, name, dimensions).stream().mapToDouble(ServiceMetric::value).sum();
    }

    /**
     * Waits until at least {@code count} such data points were published (work that runs after a call
     * returns, or on a timer), then returns them; gives up after two minutes, returning what there is.
     */
    public List<ServiceMetric> await(String namespace, String name, Map<String, String> dimensions, int count) {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        List<ServiceMetric> found = of(namespace, name, dimensions);
        while (found.size() < count && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = of(namespace, name, dimensions);
        }
        return found;
    }

    /** Everything recorded so far. */
    public List<ServiceMetric> all() {
        return List.copyOf(metrics);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
