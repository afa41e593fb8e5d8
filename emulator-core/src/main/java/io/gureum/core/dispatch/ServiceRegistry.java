package io.gureum.core.dispatch;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The enabled APIs, by name, signing name and client interface. Each API is composed from every
 * registration of its name ({@link LoadedService}); composing fails start-up when two providers bind the
 * same operation.
 */
public final class ServiceRegistry {
    private final Map<String, LoadedService> byName = new LinkedHashMap<>();
    private final Map<String, List<LoadedService>> bySigningName = new HashMap<>();
    private final Map<String, LoadedService> byClientInterface = new HashMap<>();
    /** Signing names of the registrations on the class path that this run did not enable. */
    private final java.util.Set<String> disabledSigningNames = new java.util.HashSet<>();

    private final io.gureum.core.spi.SharedState shared;
    /** Every enabled API in registration order, fixed at construction (the router walks it per request). */
    private final List<LoadedService> all;

    public ServiceRegistry(List<AwsService> services, ServiceContext context) {
        this.shared = context.shared();
        Map<String, List<AwsService>> grouped = new LinkedHashMap<>();
        for (AwsService s : services) {
            if (context.config().serviceEnabled(s.name())) {
                grouped.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            } else {
                disabledSigningNames.addAll(s.signingNames());
            }
        }
        for (List<AwsService> registrations : grouped.values()) {
            LoadedService loaded = new LoadedService(registrations, context);
            byName.put(loaded.name(), loaded);
            byClientInterface.put(loaded.clientInterface(), loaded);
            for (String signingName : loaded.signingNames()) {
                bySigningName.computeIfAbsent(signingName, k -> new ArrayList<>()).add(loaded);
            }
        }
        this.all = List.copyOf(byName.values());
        if (context.clients() instanceof InProcessClients clients) {
            clients.attach(this, context.endpoint());
        }
        for (LoadedService loaded : byName.values()) {
            if (loaded.eager()) {
                loaded.createInstances();
            }
        }
    }

    /** Every {@link AwsService} on the class path, sorted by name (stable for registrations of one API). */
    public static List<AwsService> discover(ClassLoader loader) {
        List<AwsService> out = new ArrayList<>();
        ServiceLoader.load(AwsService.class, loader).forEach(out::add);
        out.sort((a, b) -> a.name().equals(b.name()) ? a.getClass().getName().compareTo(b.getClass().getName())
                : a.name().compareTo(b.name()));
        return out;
    }

    public LoadedService byName(String name) {
        return byName.get(name);
    }

    /** The API served through this SDK client interface, or null. */
    public LoadedService byClientInterface(String clientInterface) {
        return byClientInterface.get(clientInterface);
    }

    /** The services signed with this name: usually one; DynamoDB and DynamoDB Streams share theirs. */
    public List<LoadedService> bySigningName(String signingName) {
        return bySigningName.getOrDefault(signingName, List.of());
    }

    /** Whether a module on the class path serves this signing name but this run did not enable it. */
    public boolean disabled(String signingName) {
        return disabledSigningNames.contains(signingName) && bySigningName(signingName).isEmpty();
    }

    /** The server's current authorizer (IAM's, once IAM is created; {@code NONE} without IAM). */
    public io.gureum.core.spi.Authorizer authorizer() {
        return io.gureum.core.spi.Authorizer.of(shared);
    }

    /**
     * The owner and resource-based policy of the resource an ARN names, asked of the API whose name or
     * signing name is the ARN's service part ({@code events} is EventBridge's); null when none has it.
     */
    public io.gureum.core.spi.ResourceAccess resourceAccess(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 4);
        if (parts.length < 4) {
            return null;
        }
        LoadedService owner = byName.get(parts[2]);
        if (owner != null) {
            return owner.resourceAccess(arn);
        }
        for (LoadedService candidate : bySigningName(parts[2])) {
            io.gureum.core.spi.ResourceAccess r = candidate.resourceAccess(arn);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    public List<LoadedService> all() {
        return all;
    }
}
