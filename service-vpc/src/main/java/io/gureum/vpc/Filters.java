package io.gureum.vpc;

import io.gureum.vpc.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The filter names a Describe call accepts, each mapped to the values a resource has for it.
 * Semantics as in the EC2 API reference: values of one filter are ORed, filters are ANDed, values may
 * use {@code *} and {@code ?} wildcards, and {@code tag:<key>}, {@code tag-key} and
 * {@code tag-value} work on every taggable resource. An unknown name is InvalidParameterValue.
 */
public final class Filters<T extends Resource> {
    private final Map<String, Function<T, Object>> fields = new LinkedHashMap<>();

    public Filters() {
        on("tag-key", r -> r.tags.keySet());
        on("tag-value", r -> r.tags.values());
    }

    /** Registers a filter; the function returns a String, Boolean, Number, Collection or null. */
    public Filters<T> on(String name, Function<T, Object> values) {
        fields.put(name, values);
        return this;
    }

    public Predicate<T> predicate(List<Filter> filters) {
        if (filters == null || filters.isEmpty()) {
            return r -> true;
        }
        List<Predicate<T>> all = new ArrayList<>();
        for (Filter f : filters) {
            String name = f.name();
            if (name == null) {
                throw Ec2Errors.missing("Filter.Name");
            }
            List<Matcher> patterns = f.values().stream().map(Filters::matcher).toList();
            Function<T, Object> field;
            if (name.startsWith("tag:")) {
                String key = name.substring(4);
                field = r -> r.tags.get(key);
            } else {
                field = fields.get(name);
                if (field == null) {
                    throw Ec2Errors.invalidParameterValue("The filter '" + name + "' is invalid");
                }
            }
            Function<T, Object> fn = field;
            all.add(r -> matches(fn.apply(r), patterns));
        }
        return r -> all.stream().allMatch(p -> p.test(r));
    }

    /** Tests one value: a plain string compare unless the filter value has a wildcard. */
    private interface Matcher {
        boolean test(String value);
    }

    private static Matcher matcher(String value) {
        if (value.indexOf('*') < 0 && value.indexOf('?') < 0) {
            return value::equals;
        }
        Pattern p = glob(value);
        return v -> p.matcher(v).matches();
    }

    /** The literal values of filter {@code name} when none has a wildcard (for index lookups), else null. */
    static List<String> literalValues(List<Filter> filters, String name) {
        if (filters == null) {
            return null;
        }
        for (Filter f : filters) {
            if (name.equals(f.name()) && f.values().stream().noneMatch(v -> v.contains("*") || v.contains("?"))) {
                return f.values();
            }
        }
        return null;
    }

    private static boolean matches(Object value, List<Matcher> patterns) {
        if (value == null) {
            return false;
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (matches(o, patterns)) {
                    return true;
                }
            }
            return false;
        }
        String s = String.valueOf(value);
        for (Matcher p : patterns) {
            if (p.test(s)) {
                return true;
            }
        }
        return false;
    }

    static Pattern glob(String value) {
        StringBuilder re = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
