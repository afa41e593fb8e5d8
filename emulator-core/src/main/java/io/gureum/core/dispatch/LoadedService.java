package io.gureum.core.dispatch;

import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service of the running server: its registration, its handler (replaced on reset) and its model,
 * loaded on first use.
 */
public final class LoadedService {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedService.class);

    private final AwsService service;
    private final ServiceContext context;
    private final AtomicBoolean used = new AtomicBoolean();
    private volatile Object handler;
    private volatile ServiceModel model;

    LoadedService(AwsService service, ServiceContext context) {
        this.service = service;
        this.context = context;
    }

    public AwsService service() {
        return service;
    }

    public String name() {
        return service.name();
    }

    /** The handler, created on first use so that start-up loads no service classes. */
    public Object handler() {
        Object h = handler;
        if (h == null) {
            synchronized (this) {
                if (handler == null) {
                    handler = service.createHandler(context);
                }
                h = handler;
            }
        }
        return h;
    }

    public ServiceModel model() {
        ServiceModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    try {
                        Class<?> iface = Class.forName(service.clientInterface(), true,
                                service.getClass().getClassLoader());
                        model = ServiceModel.load(iface, service.xmlNamespace())
                                .emptyResultOperations(service.emptyResultOperations());
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("SDK client interface missing: " + service.clientInterface(), e);
                    }
                }
                m = model;
            }
        }
        return m;
    }

    void markUsed() {
        used.lazySet(true);
    }

    public boolean used() {
        return used.get();
    }

    /** Drops all state: the next request gets a fresh handler (an eager service gets it at once). */
    public synchronized void reset() {
        Object old = handler;
        handler = null;
        if (old instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the {} handler on reset failed", service.name(), e);
            }
        }
        if (service.eager()) {
            handler();
        }
    }
}
