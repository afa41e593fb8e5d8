package io.gureum.core.dispatch;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The enabled services, by name and by signing name. */
public final class ServiceRegistry {
    private final Map<String, LoadedService> byName = new LinkedHashMap<>();
    private final Map<String, List<LoadedService>> bySigningName = new HashMap<>();

    public ServiceRegistry(List<AwsService> services, ServiceContext context) {
        for (AwsService s : services) {
            if (!context.config().serviceEnabled(s.name()) || byName.containsKey(s.name())) {
                continue;
            }
            LoadedService loaded = new LoadedService(s, context);
            if (s.eager()) {
                loaded.handler();
            }
            byName.put(s.name(), loaded);
            for (String signingName : s.signingNames()) {
                bySigningName.computeIfAbsent(signingName, k -> new ArrayList<>()).add(loaded);
            }
        }
    }

    /** Every {@link AwsService} on the class path, sorted by name. */
    public static List<AwsService> discover(ClassLoader loader) {
        List<AwsService> out = new ArrayList<>();
        ServiceLoader.load(AwsService.class, loader).forEach(out::add);
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    public LoadedService byName(String name) {
        return byName.get(name);
    }

    /** The services signed with this name: usually one; DynamoDB and DynamoDB Streams share theirs. */
    public List<LoadedService> bySigningName(String signingName) {
        return bySigningName.getOrDefault(signingName, List.of());
    }

    public List<LoadedService> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }
}
