package io.gureum.core;

import io.gureum.core.auth.Accounts;
import io.gureum.core.auth.SigV4Verifier;
import io.gureum.core.dispatch.Dispatcher;
import io.gureum.core.dispatch.LoadedService;
import io.gureum.core.dispatch.ServiceRegistry;
import io.gureum.core.dispatch.StateTransfer;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.persist.CoreRecords;
import io.gureum.core.persist.DurableState;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.server.GureumServer;
import io.gureum.core.server.Warmup;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Gureum server. {@code Gureum.start(config)} is how the CLI, the JUnit extension and every
 * test start one; {@link #close()} stops it.
 */
public final class Gureum implements AutoCloseable {
    private final GureumConfig config;
    private final ServiceContext context;
    private final Dispatcher dispatcher;
    private final ExecutorService handlers;
    private final GureumServer server;

    private Gureum(GureumConfig config, ServiceContext context, Dispatcher dispatcher, ExecutorService handlers,
            GureumServer server) {
        this.config = config;
        this.context = context;
        this.dispatcher = dispatcher;
        this.handlers = handlers;
        this.server = server;
    }

    /** Starts a server with the services found on the class path. */
    public static Gureum start(GureumConfig config) {
        return start(config, ServiceRegistry.discover(Gureum.class.getClassLoader()));
    }

    /** Starts a server with the given services (those {@code config} enables). */
    public static Gureum start(GureumConfig config, List<AwsService> services) {
        ServiceContext context = new ServiceContext(config, new GureumClock(), new ResourceIds(),
                new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(config.defaultAccount()));
        DurableState durable = config.dataDir() == null ? null : DurableState.open(config.dataDir());
        if (durable != null) {
            context.shared().replace(StateStore.class, durable);
        }
        ServiceRegistry registry;
        try {
            registry = durable == null ? new ServiceRegistry(services, context) : restored(services, context, durable);
        } catch (RuntimeException e) {
            if (durable != null) {
                durable.close();
            }
            throw e;
        }
        try {
            if (config.initState() != null) {
                loadInitState(config, registry, context, durable);
            }
        } catch (RuntimeException e) {
            registry.all().forEach(LoadedService::close);
            closeState(context);
            throw e;
        }
        ExecutorService handlers = newHandlerPool(config.handlerThreads());
        Dispatcher dispatcher = new Dispatcher(context, registry, new SigV4Verifier(), handlers);
        try {
            GureumServer server = GureumServer.bind(config, dispatcher);
            Gureum gureum = new Gureum(config, context, dispatcher, handlers, server);
            context.endpoint().bound(gureum.endpoint());
            Warmup.start(server.address());
            return gureum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handlers.shutdownNow();
            registry.all().forEach(LoadedService::close);
            closeState(context);
            throw new IllegalStateException("Interrupted while binding", e);
        } catch (RuntimeException e) {
            // Nothing may keep the JVM alive after a failed start (a busy port must not leave a zombie).
            handlers.shutdownNow();
            registry.all().forEach(LoadedService::close);
            closeState(context);
            throw e;
        }
    }

    /**
     * The services, each restored from its records of the data directory before the server listens; the
     * records of APIs this run does not serve are kept for the next run that does.
     */
    private static ServiceRegistry restored(List<AwsService> services, ServiceContext context, DurableState durable) {
        Map<String, List<StateRecord>> records = new HashMap<>(durable.takeRestored());
        CoreRecords.restoreClock(records.getOrDefault(CoreRecords.SERVICE, List.of()), context.clock(), durable);
        CoreRecords.restoreZones(records.getOrDefault(CoreRecords.SERVICE, List.of()), context.zoneStates(),
                context.events(), durable);
        records.remove(CoreRecords.SERVICE);
        ServiceRegistry registry = new ServiceRegistry(services, context);
        for (Map.Entry<String, List<StateRecord>> e : records.entrySet()) {
            LoadedService service = registry.byName(e.getKey());
            if (service == null) {
                durable.keepDormant(e.getValue());
            } else {
                service.restore(e.getValue());
                e.setValue(List.of()); // the next API's restore need not find room next to these records
            }
        }
        durable.captureWith(sink -> {
            CoreRecords.capture(context.clock(), sink);
            CoreRecords.captureZones(context.zoneStates(), sink);
            registry.all().forEach(s -> s.capture(sink));
        });
        return registry;
    }

    /**
     * {@code --init-state FILE}: a shared snapshot loaded before the port opens. A data directory that
     * already holds state keeps it (the file seeds an empty directory once; later starts resume from the
     * directory), so restarting a seeded server never throws its changes away.
     */
    private static void loadInitState(GureumConfig config, ServiceRegistry registry, ServiceContext context,
            DurableState durable) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Gureum.class);
        if (durable != null && durable.hadAnyRecords()) {
            log.info("The data directory {} already holds state: --init-state {} is not loaded", config.dataDir(),
                    config.initState());
            return;
        }
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(config.initState()),
                1 << 16)) {
            var summary = StateTransfer.importState(registry, context, in, StateTransfer.Mode.REPLACE,
                    StateTransfer.Filter.ALL);
            context.state().durableNow().join();
            long records = summary.services().values().stream().mapToLong(n -> n[0]).sum();
            log.info("Loaded {} records of {} from --init-state {}", records, summary.services().keySet(),
                    config.initState());
            if (!summary.skipped().isEmpty()) {
                log.warn("--init-state {}: state of services this server does not run was left out: {}",
                        config.initState(), summary.skipped());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("--init-state " + config.initState() + ": " + e.getMessage(), e);
        }
    }

    private static void closeState(ServiceContext context) {
        if (context.state() instanceof DurableState durable) {
            durable.close();
        }
    }

    private static ExecutorService newHandlerPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "gureum-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The endpoint to give SDK clients, e.g. {@code http://127.0.0.1:4566}. */
    public URI endpoint() {
        InetSocketAddress a = server.address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort());
    }

    /** How many requests were answered on an event loop rather than the handler pool, and how many waited there. */
    public io.gureum.core.dispatch.InlineRequests.Counts inlineCounts() {
        return dispatcher.inlineCounts();
    }

    public int port() {
        return server.address().getPort();
    }

    public GureumConfig config() {
        return config;
    }

    /** Shared services of this server (clock, IDs, registry …), for tests and embedding. */
    public ServiceContext context() {
        return context;
    }

    public List<String> serviceNames() {
        return dispatcher.registry().all().stream().map(LoadedService::name).toList();
    }

    /** Stops serving, then closes every service's handler (their timers and files go with them). */
    @Override
    public void close() {
        if (context.state() instanceof DurableState durable) {
            durable.stopCompaction();
        }
        server.close();
        handlers.shutdownNow();
        dispatcher.registry().all().forEach(LoadedService::close);
        closeState(context);
    }
}
