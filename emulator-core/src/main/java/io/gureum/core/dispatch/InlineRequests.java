package io.gureum.core.dispatch;

import io.gureum.core.auth.SigV4Parser;
import io.gureum.core.auth.SignatureInfo;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.persist.StateStore;
import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.protocol.ResolvedOperation;
import io.gureum.core.protocol.ServiceModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which requests are answered on the event loop that read them instead of the handler pool (ADR 0018): the
 * pool's two thread hand-offs cost about as much CPU as answering a trivial request. Only a request whose API
 * says its whole path cannot wait ({@link io.gureum.core.spi.ServiceInstance#answersInline}), with its body in
 * memory, without a {@code --data-dir} journal (whose writes and locks touch the disk) and without
 * {@code --enforce-iam} (whose decisions read policies of every kind across APIs) qualifies. Without enforcement
 * IAM's authorizer still applies AWS's cross-account rule, reading the other account's resource policy from its
 * API's memory.
 *
 * <p>With {@code -Dgureum.inline.check=true} (the tests' setting) every inline answer is watched: if its thread
 * spent a millisecond or more parked, sleeping or blocked on a monitor meanwhile, the request is counted in
 * {@link Counts#waited()} (and the first such request of each operation is logged), so a test that runs an API's
 * inline operations one at a time fails when one of them starts waiting. Under concurrent load a lock held only
 * for a computation can be contended for longer on a busy machine (two event loops sending to one queue): such
 * waits are counted too, which is why the per-API tests call one operation at a time. File I/O does not show in
 * these times: what keeps it off the event loop is each API's declaration (ADR 0018).
 */
public final class InlineRequests {
    private static final Logger LOG = LoggerFactory.getLogger(InlineRequests.class);
    private static final boolean CHECK = Boolean.getBoolean("gureum.inline.check");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static {
        if (CHECK) {
            THREADS.setThreadContentionMonitoringEnabled(true); // times of blocked and waited states
        }
    }

    /** How many requests were answered inline, and how many of those waited (counted only when checking). */
    public record Counts(long answered, long waited) {
    }

    /**
     * A request as parsed, routed and resolved to decide where it runs, and whether that is the event loop
     * ({@code inline}); the dispatcher reuses the rest on either thread rather than doing it again.
     */
    record Routed(SignatureInfo signature, LoadedService service, ProtocolCodec codec, ResolvedOperation resolved,
            boolean inline) {
    }

    private final ServiceRouter router;
    private final StateStore state;
    private final boolean enforceIam;
    private final LongAdder answered = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final java.util.Set<String> loggedWaits = java.util.concurrent.ConcurrentHashMap.newKeySet();

    InlineRequests(ServiceRouter router, StateStore state, boolean enforceIam) {
        this.router = router;
        this.state = state;
        this.enforceIam = enforceIam;
    }

    /**
     * {@code request} routed and resolved, saying whether it may run on the calling event loop; null when it
     * certainly may not (the dispatcher then routes it on the pool). Routing and resolution read headers (and,
     * for the query protocol, a form body already in memory) only.
     */
    Routed route(AwsHttpRequest request) {
        if (request.streamed() || state.enabled() || enforceIam
                || AdminEndpoints.isAdminPath(request.rawPath())) {
            return null;
        }
        try {
            SignatureInfo signature = SigV4Parser.parse(request);
            LoadedService service = router.route(request, signature);
            ServiceModel model = service == null ? null : service.loadedModel();
            if (model == null) {
                return null; // unserved, or not used yet: the first call loads the model from the SDK's files
            }
            ProtocolCodec codec = service.codec(Codecs.forRequest(model, request));
            ResolvedOperation resolved = codec.resolve(model, request);
            return new Routed(signature, service, codec, resolved,
                    service.answersInline(request, resolved.operation().name()));
        } catch (RuntimeException malformed) {
            return null; // the pool answers it, with the error in the API's words
        }
    }

    /** Runs {@code task}, the whole dispatch of a qualifying request of {@code operation}, on the calling thread. */
    void run(Runnable task, String requestId, String operation) {
        answered.increment();
        if (!CHECK) {
            task.run();
            return;
        }
        long before = waitedMillis();
        task.run();
        long millis = waitedMillis() - before;
        if (millis > 0) {
            waited.increment();
            if (loggedWaits.add(operation)) {
                LOG.warn("Request {} ({}) was answered on an event loop but waited there for {} ms: lock contention "
                        + "under load, or an operation that must not be declared inline (ServiceInstance.answersInline); "
                        + "later waits of {} are counted, not logged", requestId, operation, millis, operation);
            }
        }
    }

    public Counts counts() {
        return new Counts(answered.sum(), waited.sum());
    }

    /** How long, in whole milliseconds, this thread has been blocked on a monitor, parked or asleep. */
    private static long waitedMillis() {
        ThreadInfo info = THREADS.getThreadInfo(Thread.currentThread().getId());
        return info.getBlockedTime() + info.getWaitedTime();
    }
}
