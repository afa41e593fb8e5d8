package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a Describe call selects from a family by the IDs it names. */
final class Selected {
    private Selected() {
    }

    /**
     * The resources named, once each in the order named, each of which must exist ({@code notFound} otherwise); all
     * of the family when none is named.
     */
    static <T> List<T> byIds(Map<String, T> family, List<String> ids, Function<String, AwsException> notFound) {
        if (ids == null || ids.isEmpty()) {
            return new ArrayList<>(family.values());
        }
        List<T> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            T x = family.get(id);
            if (x == null) {
                throw notFound.apply(id);
            }
            found.add(x);
        }
        return found;
    }
}
