package io.gureum.ec2common;

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
public class Ec2Filters<T> {
    private final Map<String, Function<T, Object>> fields = new LinkedHashMap<>();
    private final Function<T, Map<String, String>> tags;

    /** Filters of a taggable resource: {@code tags} gives a resource's tags. */
    public Ec2Filters(Function<T, Map<String, String>> tags) {
        this.tags = tags;
        on("tag-key", r -> tags.apply(r).keySet());
        on("tag-value", r -> tags.apply(r).values());
    }

    /** Filters of something that has no tags (instance types). */
    public Ec2Filters() {
        this.tags = null;
    }

    /** Registers a filter; the function returns a String, Boolean, Number, Collection or null. */
    public Ec2Filters<T> on(String name, Function<T, Object> values) {
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
            List<Matcher> patterns = f.values().stream().map(Ec2Filters::matcher).toList();
            Function<T, Object> field;
            if (name.startsWith("tag:") && tags != null) {
                String key = name.substring(4);
                field = r -> tags.apply(r).get(key);
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
    public static List<String> literalValues(List<Filter> filters, String name) {
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

    /** The regular expression of an EC2 wildcard value: {@code *} any run, {@code ?} any one character. */
    public static Pattern glob(String value) {
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
