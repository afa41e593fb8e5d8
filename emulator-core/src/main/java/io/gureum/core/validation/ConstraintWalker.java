package io.gureum.core.validation;

import io.gureum.core.protocol.Pojos;
import io.gureum.core.protocol.index.ApiConstraints;
import io.gureum.core.protocol.index.ApiConstraints.MemberConstraints;
import io.gureum.core.protocol.index.ApiConstraints.ShapeConstraints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Walks an SDK request object by its {@link SdkField} metadata against the model's shapes and collects
 * every broken constraint, in model member order (AWS reports them all at once). Within one member the
 * order is enum, pattern, length, range, as AWS lists them ("Member must satisfy regular expression
 * pattern: …; … Member must have length greater than or equal to 1"). With {@code requiredOnly}, only
 * the request's own required members are checked (services whose other constraints AWS does not enforce).
 */
final class ConstraintWalker {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern UNUSABLE = Pattern.compile("");
    private static final int MAX_SHOWN = 64 * 1024;

    private final ApiConstraints api;
    private final boolean requiredOnly;
    private final List<Violation> out = new ArrayList<>();

    private ConstraintWalker(ApiConstraints api, boolean requiredOnly) {
        this.api = api;
        this.requiredOnly = requiredOnly;
    }

    /** The violations of {@code request} against the structure shape {@code input}. */
    static List<Violation> violations(ApiConstraints api, String input, SdkPojo request, boolean requiredOnly) {
        ConstraintWalker walker = new ConstraintWalker(api, requiredOnly);
        ShapeConstraints shape = api.shape(input);
        if (shape != null) {
            walker.structure(shape, request, "");
        }
        return walker.out;
    }

    private void structure(ShapeConstraints shape, SdkPojo pojo, String prefix) {
        for (SdkField<?> field : pojo.sdkFields()) {
            MemberConstraints member = shape.members().get(field.memberName());
            if (member == null) {
                continue;
            }
            String name = decapitalize(field.memberName());
            String path = prefix.isEmpty() ? name : prefix + name;
            Object value = Pojos.valueOf(field, pojo);
            if (value == null) {
                if (member.isRequired()) {
                    out.add(new Violation(path, field.memberName(), field.locationName(), null, true, false,
                            "Member must not be null"));
                }
                continue;
            }
            ShapeConstraints target = api.shape(member.shape());
            if (target != null && !requiredOnly) {
                value(target, value, path, field.memberName());
            }
        }
    }

    private void value(ShapeConstraints shape, Object value, String path, String memberName) {
        if (value instanceof SdkPojo nested) {
            structure(shape, nested, path + ".");
            return;
        }
        if (value instanceof List<?> list) {
            length(shape, list.size(), list, path, memberName);
            ShapeConstraints element = api.shape(shape.member());
            if (element == null) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof SdkPojo nested) {
                    structure(element, nested, path + "." + (i + 1) + ".member.");
                } else if (item != null) {
                    List<String> broken = scalar(element, item);
                    if (!broken.isEmpty()) {
                        // AWS reports a list of scalars once, with the element's broken constraints in brackets.
                        out.add(new Violation(path, memberName, memberName, render(list), false, shape.isSensitive(),
                                "Member must satisfy constraint: [" + String.join(", ", broken) + "]"));
                        return;
                    }
                }
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            length(shape, map.size(), map, path, memberName);
            entries(shape.key(), map.keySet(), "Map keys", map, path, memberName, shape.isSensitive());
            entries(shape.value(), map.values(), "Map value", map, path, memberName, shape.isSensitive());
            return;
        }
        for (String constraint : scalar(shape, value)) {
            out.add(new Violation(path, memberName, memberName, render(value), false, shape.isSensitive(), constraint));
        }
    }

    /**
     * A map's scalar keys or values, reported once for the map as AWS's validation layer does:
     * "Value '{k=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must …]".
     */
    private void entries(String shapeName, Collection<?> items, String what, Map<?, ?> map, String path,
            String memberName, boolean sensitive) {
        ShapeConstraints shape = api.shape(shapeName);
        if (shape == null) {
            return;
        }
        for (Object item : items) {
            List<String> broken = item == null || item instanceof SdkPojo ? List.of() : scalar(shape, item);
            if (!broken.isEmpty()) {
                out.add(new Violation(path, memberName, memberName, render(map), false, sensitive || shape.isSensitive(),
                        what + " must satisfy constraint: [" + String.join(", ", broken) + "]"));
                return;
            }
        }
    }

    /** The broken constraints of a string, blob or number, in AWS's words. */
    private static List<String> scalar(ShapeConstraints shape, Object value) {
        List<String> broken = new ArrayList<>(1);
        if (value instanceof String s) {
            if (shape.enumValues() != null && !shape.enumValues().isEmpty() && !shape.enumValues().contains(s)) {
                broken.add("Member must satisfy enum value set: [" + String.join(", ", shape.enumValues()) + "]");
            }
            Pattern p = shape.pattern() == null ? null : pattern(shape.pattern());
            if (p != null && p != UNUSABLE && !p.matcher(s).matches()) {
                broken.add("Member must satisfy regular expression pattern: " + shape.pattern());
            }
            lengthOf(shape, s.codePointCount(0, s.length()), broken);
        } else if (value instanceof SdkBytes bytes) {
            lengthOf(shape, bytes.asByteArrayUnsafe().length, broken);
        } else if (value instanceof Number n) {
            BigDecimal v = new BigDecimal(n.toString());
            if (shape.min() != null && v.compareTo(new BigDecimal(shape.min().toString())) < 0) {
                broken.add("Member must have value greater than or equal to " + shape.min());
            }
            if (shape.max() != null && v.compareTo(new BigDecimal(shape.max().toString())) > 0) {
                broken.add("Member must have value less than or equal to " + shape.max());
            }
        }
        return broken;
    }

    /** {@code collection} is rendered only for a violation: rendering every valid request was most of the cost. */
    private void length(ShapeConstraints shape, int size, Object collection, String path, String memberName) {
        List<String> broken = new ArrayList<>(1);
        lengthOf(shape, size, broken);
        for (String constraint : broken) {
            out.add(new Violation(path, memberName, memberName, render(collection), false, shape.isSensitive(),
                    constraint));
        }
    }

    private static void lengthOf(ShapeConstraints shape, long length, List<String> broken) {
        if (shape.min() != null && length < shape.min().longValue()) {
            broken.add("Member must have length greater than or equal to " + shape.min());
        }
        if (shape.max() != null && length > shape.max().longValue()) {
            broken.add("Member must have length less than or equal to " + shape.max());
        }
    }

    /** The model's pattern as a Java regex; one Java cannot compile is not enforced. */
    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, r -> {
            try {
                return Pattern.compile(r, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                return UNUSABLE;
            }
        });
    }

    /**
     * The value as AWS echoes it, whole (a 513-character name comes back in full), with characters XML
     * cannot carry replaced by '?' and a 64 KiB cap so a rejected 10,000-event batch stays a sane message.
     */
    private static String render(Object value) {
        if (value instanceof SdkBytes) {
            return "java.nio.HeapByteBuffer";
        }
        String text = String.valueOf(value);
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN));
        for (int i = 0; i < text.length() && i < MAX_SHOWN; i++) {
            char c = text.charAt(i);
            boolean unfit = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == 0xfffe
                    || c == 0xffff || (Character.isSurrogate(c) && !validPair(text, i));
            sb.append(unfit ? '?' : c);
        }
        return sb.toString();
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** AWS's member path: the member name with a lowercase first letter ({@code RoleName} → {@code roleName}). */
    static String decapitalize(String name) {
        if (name.isEmpty()) {
            return name;
        }
        String known = DECAPITALIZED.get(name);
        if (known == null) {
            known = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            if (DECAPITALIZED.size() < MAX_DECAPITALIZED) {
                DECAPITALIZED.putIfAbsent(name, known);
            }
        }
        return known;
    }

    /**
     * Member names are the models' (a few thousand across the loaded APIs), so each is decapitalized once
     * rather than on every request; the bound only guards against a caller passing other names.
     */
    private static final Map<String, String> DECAPITALIZED = new ConcurrentHashMap<>();
    private static final int MAX_DECAPITALIZED = 100_000;
}
