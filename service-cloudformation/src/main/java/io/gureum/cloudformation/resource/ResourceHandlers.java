package io.gureum.cloudformation.resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The resource types this server can deploy: every {@link ResourceHandler} listed in
 * {@code META-INF/services/io.gureum.cloudformation.resource.ResourceHandler} (one class name a line,
 * each with a public no-argument constructor), plus those a test adds.
 *
 * <p>A template naming a type no handler serves is refused before anything is created, as AWS refuses a
 * type its region does not offer: {@code ValidationError} "Template format error: Unrecognized resource
 * types: [AWS::Foo::Bar]" from CreateStack, UpdateStack, CreateChangeSet, ValidateTemplate and
 * GetTemplateSummary ({@link #unrecognized}).
 */
public final class ResourceHandlers {
    private final Map<String, ResourceHandler> byType;

    private ResourceHandlers(Map<String, ResourceHandler> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    /** The handlers registered through {@link ServiceLoader} in this module's class loader. */
    public static ResourceHandlers builtIn() {
        List<ResourceHandler> found = new ArrayList<>();
        ServiceLoader.load(ResourceHandler.class, ResourceHandler.class.getClassLoader()).forEach(found::add);
        return of(found);
    }

    /** Exactly these handlers; two for one type is a programming error. */
    public static ResourceHandlers of(Collection<? extends ResourceHandler> handlers) {
        Map<String, ResourceHandler> map = new LinkedHashMap<>();
        for (ResourceHandler h : handlers) {
            if (map.put(h.type(), h) != null) {
                throw new IllegalStateException("two resource handlers for " + h.type());
            }
        }
        return new ResourceHandlers(map);
    }

    /** These handlers and {@code more} (a test's fake handler); {@code more} wins for one type. */
    public ResourceHandlers with(Collection<? extends ResourceHandler> more) {
        Map<String, ResourceHandler> map = new LinkedHashMap<>(byType);
        more.forEach(h -> map.put(h.type(), h));
        return new ResourceHandlers(map);
    }

    /**
     * The handler of {@code type}, or null. {@code Custom::<Name>} types are served by the handler of
     * {@code AWS::CloudFormation::CustomResource} (custom resources name their type freely).
     */
    public ResourceHandler find(String type) {
        ResourceHandler h = byType.get(type);
        if (h == null && type.startsWith("Custom::")) {
            return byType.get("AWS::CloudFormation::CustomResource");
        }
        return h;
    }

    /** The supported types, sorted. */
    public Collection<String> types() {
        return new TreeSet<>(byType.keySet());
    }

    /**
     * The types of {@code types} no handler serves, sorted and without repeats: non-empty means the
     * template is refused with "Template format error: Unrecognized resource types: " + the list.
     */
    public List<String> unrecognized(Collection<String> types) {
        TreeSet<String> missing = new TreeSet<>();
        for (String t : types) {
            if (find(t) == null) {
                missing.add(t);
            }
        }
        return List.copyOf(missing);
    }
}
