package io.gureum.core.dispatch;

import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API the running server serves, composed from every module that registered for it: its operation
 * table (which provider class binds each operation, known at start from the providers' class files), the
 * modules' instances (created on first use, replaced on reset) and the API's model (loaded on first use).
 */
public final class LoadedService {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedService.class);

    /** One registration's share: its provider classes and, once created, its instance. */
    private static final class Contribution {
        final AwsService registration;
        volatile Created created;

        Contribution(AwsService registration) {
            this.registration = registration;
        }
    }

    /** A module's instance and its providers by class, replaced as one on reset. */
    private record Created(ServiceInstance instance, Map<Class<?>, Object> providers) {
    }

    /** Where an operation goes: the contribution, the provider class and the method's handle. */
    private record Binding(Contribution contribution, Class<?> providerClass,
            java.lang.invoke.MethodHandle handle) {
    }

    private final String name;
    private final String clientInterface;
    private final String xmlNamespace;
    private final List<String> signingNames;
    private final boolean eager;
    private final List<Contribution> contributions = new ArrayList<>();
    /** Client method name (e.g. {@code createSubnet}) → the contribution and provider class binding it. */
    private final Map<String, Map.Entry<Contribution, Class<?>>> table = new HashMap<>();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final ServiceContext context;
    private final AtomicBoolean used = new AtomicBoolean();
    private final io.gureum.core.spi.ProtocolQuirks quirks;
    /** The API's codec for each standard codec, decorated by its quirks once. */
    private final Map<io.gureum.core.protocol.ProtocolCodec, io.gureum.core.protocol.ProtocolCodec> codecs =
            new ConcurrentHashMap<>();
    private volatile ServiceModel model;

    /**
     * Binds the operations of every registration of one API.
     *
     * @throws IllegalStateException when two providers bind the same operation, or the registrations
     *     disagree on the API's client interface or XML namespace
     */
    LoadedService(List<AwsService> registrations, ServiceContext context) {
        this.context = context;
        AwsService first = registrations.get(0);
        this.name = first.name();
        this.clientInterface = first.clientInterface();
        String namespace = null;
        Set<String> signing = new LinkedHashSet<>();
        boolean anyEager = false;
        for (AwsService r : registrations) {
            if (!r.clientInterface().equals(clientInterface)) {
                throw new IllegalStateException("API " + name + " is registered with two client interfaces: "
                        + clientInterface + " (" + first.getClass().getName() + ") and " + r.clientInterface()
                        + " (" + r.getClass().getName() + ")");
            }
            if (r.xmlNamespace() != null) {
                if (namespace != null && !namespace.equals(r.xmlNamespace())) {
                    throw new IllegalStateException("API " + name + " is registered with two XML namespaces: "
                            + namespace + " and " + r.xmlNamespace() + " (" + r.getClass().getName() + ")");
                }
                namespace = r.xmlNamespace();
            }
            signing.addAll(r.signingNames());
            anyEager |= r.eager();
            Contribution c = new Contribution(r);
            contributions.add(c);
            for (Class<?> providerClass : r.providerClasses()) {
                for (String method : ProviderMethods.of(providerClass).keySet()) {
                    var previous = table.putIfAbsent(method, Map.entry(c, providerClass));
                    if (previous != null) {
                        throw new IllegalStateException("Operation " + method + " of " + name + " is bound twice: by "
                                + previous.getValue().getName() + " (" + previous.getKey().registration.getClass().getName()
                                + ") and by " + providerClass.getName() + " (" + r.getClass().getName() + ")");
                    }
                }
            }
        }
        this.xmlNamespace = namespace;
        this.quirks = ComposedQuirks.of(registrations.stream().map(AwsService::quirks).toList());
        this.signingNames = List.copyOf(signing);
        this.eager = anyEager;
    }

    public String name() {
        return name;
    }

    public String clientInterface() {
        return clientInterface;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    public List<String> signingNames() {
        return signingNames;
    }

    /** The API's wire behaviour beyond its protocol, from all its registrations. */
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return quirks;
    }

    /** The codec for this API's requests in the protocol of {@code standard}. */
    io.gureum.core.protocol.ProtocolCodec codec(io.gureum.core.protocol.ProtocolCodec standard) {
        return codecs.computeIfAbsent(standard, quirks::codec);
    }

    boolean eager() {
        return eager;
    }

    /** The registrations that make up this API, in registration order. */
    public List<AwsService> registrations() {
        return contributions.stream().map(c -> c.registration).toList();
    }

    /** Whether some provider binds the operation whose SDK client method is {@code clientMethod}. */
    public boolean binds(String clientMethod) {
        return table.containsKey(clientMethod);
    }

    /** The provider class that binds {@code clientMethod}, or null. */
    public Class<?> providerOf(String clientMethod) {
        var entry = table.get(clientMethod);
        return entry == null ? null : entry.getValue();
    }

    /** The success status of an operation whose answer is not 200 (the model's {@code @http(code)}), or null. */
    Integer successStatus(String operation) {
        return model().successStatus(operation);
    }

    /** The module instances, created on first use so that start-up loads no service classes. */
    private List<Contribution> instances() {
        for (int i = 0; i < contributions.size(); i++) { // by index: it runs on every request
            Contribution c = contributions.get(i);
            if (c.created == null) {
                synchronized (this) {
                    if (c.created == null) {
                        create(c);
                    }
                }
            }
        }
        return contributions;
    }

    private void create(Contribution c) {
        c.created = fresh(c);
    }

    private Created fresh(Contribution c) {
        ServiceInstance instance = c.registration.create(context);
        Map<Class<?>, Object> byClass = new LinkedHashMap<>();
        for (Object provider : instance.providers()) {
            byClass.put(provider.getClass(), provider);
        }
        for (Class<?> declared : c.registration.providerClasses()) {
            if (!byClass.containsKey(declared)) {
                instance.close();
                throw new IllegalStateException(c.registration.getClass().getName() + " declares provider "
                        + declared.getName() + " but create() made none of that class: " + byClass.keySet());
            }
        }
        return new Created(instance, byClass);
    }

    /** Creates every module's instance and gives each the API's records from before a restart. */
    public synchronized void restore(List<io.gureum.core.persist.StateRecord> records) {
        for (Contribution c : instances()) {
            c.created.instance().restore(records);
        }
    }

    /**
     * Every live record of the modules' instances (those not created yet have none). Under this object's
     * monitor, so a compaction never captures in the middle of an {@link #install} (old instances closed,
     * new ones not yet in place), which would leave the API out of the snapshot.
     */
    public synchronized void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        for (Contribution c : contributions) {
            Created created = c.created;
            if (created != null) {
                created.instance().capture(sink);
            }
        }
    }

    /**
     * Whether a module's instance keeps state a shared snapshot carries; false while no instance exists
     * (an API nobody used since the start has none).
     */
    public boolean holdsState() {
        for (Contribution c : contributions) {
            Created created = c.created;
            if (created != null && created.instance().holdsState()) {
                return true;
            }
        }
        return false;
    }

    /** Every live record of the modules' instances and the bytes of the files they name. */
    public void export(io.gureum.core.persist.StateSink sink) throws java.io.IOException {
        for (Contribution c : contributions) {
            Created created = c.created;
            if (created != null) {
                created.instance().export(sink);
            }
        }
    }

    /** Fresh instances of every module for an import: they serve nothing until {@link #install}. */
    public Staged stage() {
        List<Created> fresh = new ArrayList<>();
        try {
            for (Contribution c : contributions) {
                fresh.add(fresh(c));
            }
        } catch (RuntimeException e) {
            fresh.forEach(f -> f.instance().close());
            throw e;
        }
        return new Staged(fresh);
    }

    /** Instances made for an import: they take the snapshot's files, then {@link #install} restores them. */
    public final class Staged implements AutoCloseable {
        private final List<Created> fresh;
        private boolean installed;

        private Staged(List<Created> fresh) {
            this.fresh = fresh;
        }

        /** Gives a file's bytes to the first module that takes it; false when none does. */
        public boolean importFile(String file, long size, java.io.InputStream bytes) throws java.io.IOException {
            for (Created c : fresh) {
                if (c.instance().importFile(file, size, bytes)) {
                    return true;
                }
            }
            return false;
        }

        /** Discards the instances unless they were installed. */
        @Override
        public void close() {
            if (!installed) {
                fresh.forEach(f -> f.instance().close());
            }
        }
    }

    /**
     * Checks that {@code records} restore, before an import changes anything: restores them into throwaway
     * instances of every module made with a context of their own — an empty resource registry, no state store,
     * no data directory (so no file of the server's is swept), their own event bus, shared state and in-process
     * clients, and a server endpoint never bound — then closes them. Throws what a restore throws. The clock
     * and the ID generator are the server's (read, never moved back). The instances have none of the import's
     * file bytes: S3 keys restore without them, Lambda functions without their code package are skipped.
     */
    public void probe(List<io.gureum.core.persist.StateRecord> records) {
        ServiceContext isolated = new ServiceContext(context.config().toBuilder().dataDir(null).build(),
                context.clock(), context.ids(), new io.gureum.core.state.ResourceRegistry(),
                new io.gureum.core.events.EventBus(), context.topology(), context.accounts());
        List<ServiceInstance> made = new ArrayList<>();
        try {
            for (Contribution c : contributions) {
                made.add(c.registration.create(isolated));
            }
            for (ServiceInstance instance : made) {
                instance.restore(records);
            }
        } finally {
            for (ServiceInstance instance : made) {
                try {
                    instance.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing a {} instance made to check an import failed", name, e);
                }
            }
        }
    }

    /**
     * Replaces the API's state by {@code records} (an import): the old instances close, the API's resources
     * and records are cleared, the staged instances restore the records (which are journaled, the state
     * having been cleared), then serve. Requests arriving meanwhile wait on this object's monitor.
     */
    public synchronized void install(Staged staged, List<io.gureum.core.persist.StateRecord> records) {
        close();
        context.registry().clear(name);
        context.state().clear(name);
        for (Created c : staged.fresh) {
            c.instance().restore(records);
        }
        records.forEach(context.state()::putRecord);
        for (int i = 0; i < contributions.size(); i++) {
            contributions.get(i).created = staged.fresh.get(i);
        }
        staged.installed = true;
    }

    /** Creates every module's instance now (eager APIs, at start and after reset). */
    void createInstances() {
        instances();
    }

    public ServiceModel model() {
        ServiceModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    try {
                        Class<?> iface = Class.forName(clientInterface, true,
                                contributions.get(0).registration.getClass().getClassLoader());
                        model = ServiceModel.load(iface, xmlNamespace);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("SDK client interface missing: " + clientInterface, e);
                    }
                }
                m = model;
            }
        }
        return m;
    }

    /**
     * Calls the provider method that binds {@code op} through its module's interceptors, with the
     * caller's request context already set; a 501 {@code NotImplemented} when no provider binds it.
     */
    Object call(OperationModel op, Object[] args) throws Exception {
        Binding binding = bindings.get(op.name()); // looked up first: the capturing lambda is made once per operation
        if (binding == null) {
            binding = bindings.computeIfAbsent(op.name(), k -> bind(op));
        }
        if (binding == NONE) {
            throw CommonErrors.notImplemented(name, op.name());
        }
        Created created = binding.contribution().created;
        if (created == null) {
            instances();
            created = binding.contribution().created;
        }
        Object provider = created.providers().get(binding.providerClass());
        List<OperationInterceptor> interceptors = created.instance().interceptors();
        return new Chain(op.name(), args, provider, binding.handle(), interceptors, 0).proceed();
    }

    private static final Binding NONE = new Binding(null, null, null);

    private Binding bind(OperationModel op) {
        var entry = table.get(op.entry().clientMethod());
        if (entry == null) {
            return NONE;
        }
        return new Binding(entry.getKey(), entry.getValue(), op.handleOn(entry.getValue()));
    }

    /** One link of the interceptor chain; the last one calls the provider. */
    private record Chain(String operation, Object[] args, Object provider, java.lang.invoke.MethodHandle handle,
            List<OperationInterceptor> interceptors, int position) implements OperationCall {

        @Override
        public Object request() {
            return args[0];
        }

        @Override
        public Object proceed() throws Exception {
            if (position < interceptors.size()) {
                return interceptors.get(position).intercept(
                        new Chain(operation, args, provider, handle, interceptors, position + 1));
            }
            try {
                return (Object) handle.invokeExact(provider, args);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** The first answer of the modules' {@link ServiceInstance#adminRequest}, or null. */
    AwsHttpResponse adminRequest(AwsHttpRequest request) {
        for (Contribution c : instances()) {
            Created created = c.created;
            AwsHttpResponse r = created == null ? null : created.instance().adminRequest(request);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /**
     * The owner and resource-based policy of a resource of this API by ARN: the first answer of the modules'
     * {@link ServiceInstance#resourceAccess}, or null. Modules not created yet have no resources to answer for.
     */
    public io.gureum.core.spi.ResourceAccess resourceAccess(String arn) {
        for (Contribution c : contributions) {
            Created created = c.created;
            io.gureum.core.spi.ResourceAccess r = created == null ? null : created.instance().resourceAccess(arn);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /**
     * Whether every module of the API, all already created, lets this request run on the event loop
     * ({@link ServiceInstance#answersInline}); a module not created yet would be created by the call, which
     * reads its model and may make directories.
     */
    boolean answersInline(AwsHttpRequest request, String operation) {
        for (int i = 0; i < contributions.size(); i++) { // by index: no iterator on every request
            Created created = contributions.get(i).created;
            if (created == null || !created.instance().answersInline(request, operation)) {
                return false;
            }
        }
        return true;
    }

    /** The API's model if a request has loaded it already, else null (loading it reads the SDK's files). */
    ServiceModel loadedModel() {
        return model;
    }

    /** The first answer of the modules' {@link ServiceInstance#preOperation}, or null. */
    AwsHttpResponse preOperation(AwsHttpRequest request) {
        List<Contribution> all = instances();
        for (int i = 0; i < all.size(); i++) {
            Created created = all.get(i).created;
            AwsHttpResponse r = created == null ? null : created.instance().preOperation(request);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Every module's {@link ServiceInstance#decorateResponse}; a failure is logged, never fatal. */
    void decorate(AwsHttpRequest request, AwsHttpResponse response) {
        for (int i = 0; i < contributions.size(); i++) { // by index: no iterator on every request
            Created created = contributions.get(i).created;
            if (created == null) {
                continue;
            }
            try {
                created.instance().decorateResponse(request, response);
            } catch (RuntimeException e) {
                LOG.warn("Decorating a {} response failed", name, e);
            }
        }
    }

    void markUsed() {
        used.lazySet(true);
    }

    public boolean used() {
        return used.get();
    }

    /** Drops all state: the next request gets fresh instances (an eager API gets them at once). */
    public synchronized void reset() {
        close();
        context.state().clear(name);
        if (eager) {
            instances();
        }
    }

    /** Closes every module's instance. */
    public synchronized void close() {
        for (Contribution c : contributions) {
            Created old = c.created;
            c.created = null;
            if (old != null) {
                try {
                    old.instance().close();
                } catch (Exception e) {
                    LOG.warn("Closing {} of {} failed", old.instance().getClass().getName(), name, e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + Objects.toString(contributions.stream().map(c -> c.registration.getClass().getSimpleName())
                .toList());
    }
}
