package io.gureum.cloudformation.resource.common;

import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses the properties a handler does not apply, rather than creating or updating a resource without
 * them and reporting success: the resource fails naming them.
 */
public final class Served {
    private Served() {
    }

    /** Fails when {@code r}'s properties include one outside {@code served}. */
    public static void check(ResourceRequest r, Set<String> served) {
        Set<String> unserved = new TreeSet<>();
        r.properties().fields().forEachRemaining(e -> {
            if (!served.contains(e.getKey()) && !e.getValue().isNull()) {
                unserved.add(e.getKey());
            }
        });
        if (!unserved.isEmpty()) {
            throw new ResourceFailure("Gureum does not emulate the " + r.type() + " properties " + unserved);
        }
    }
}
