package io.gureum.vpc;

import io.gureum.ec2common.Ec2Filters;
import io.gureum.vpc.model.Resource;
import java.util.Map;
import java.util.function.Function;

/** {@link Ec2Filters} of a stored networking resource, with the {@code tag:} filters on its tags. */
public final class Filters<T extends Resource> extends Ec2Filters<T> {
    public Filters() {
        super(r -> r.tags);
    }

    /** Filters whose {@code tag:} filters read {@code tags} (a resource two accounts tag separately). */
    public Filters(Function<T, Map<String, String>> tags) {
        super(tags);
    }

    @Override
    public Filters<T> on(String name, Function<T, Object> values) {
        super.on(name, values);
        return this;
    }
}
