package io.gureum.ssm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * {@code ParameterFilters} of DescribeParameters (keys Name, Type, KeyId, Path, Tier, DataType and
 * {@code tag:<key>}) and GetParametersByPath (Type, KeyId, Label), with their options
 * (ParameterStringFilter): Equals (the default) and BeginsWith; Name also Contains; Path OneLevel (the
 * default) and Recursive; Label only Equals. A {@code tag:} filter without values matches every
 * parameter that has the tag key.
 */
final class ParameterFilters {
    /** Which operation's rules apply. */
    enum Scope {
        DESCRIBE("[Name, Type, KeyId, Path, Tier, DataType, tag:]", Set.of("Name", "Type", "KeyId", "Path", "Tier", "DataType")),
        BY_PATH("[Type, KeyId, Label]", Set.of("Type", "KeyId", "Label"));

        final String validKeys;
        final Set<String> keys;

        Scope(String validKeys, Set<String> keys) {
            this.validKeys = validKeys;
            this.keys = keys;
        }
    }

    /** A stored version as a filter sees it. */
    record Candidate(StoredParameter parameter, ParameterVersion version) {
    }

    private ParameterFilters() {
    }

    /** One predicate for all the filters (they combine with AND; a filter's values with OR). */
    static Predicate<Candidate> of(List<ParameterStringFilter> filters, Scope scope) {
        Predicate<Candidate> all = c -> true;
        Set<String> seen = new HashSet<>();
        for (ParameterStringFilter f : filters) {
            if (!seen.add(f.key())) {
                throw SsmErrors.validation("The following filter is duplicated in the request: " + f.key()
                        + ". A request can contain only one occurrence of a specific filter.");
            }
            all = all.and(one(f, scope));
        }
        return all;
    }

    private static Predicate<Candidate> one(ParameterStringFilter f, Scope scope) {
        String key = f.key();
        boolean tag = key.startsWith("tag:") && scope == Scope.DESCRIBE;
        if (!tag && !scope.keys.contains(key)) {
            throw SsmErrors.invalidFilterKey(key, scope.validKeys);
        }
        List<String> values = f.hasValues() ? f.values() : List.of();
        if (values.isEmpty() && !tag) {
            throw SsmErrors.invalidFilterValue("The following filter values are missing : null for filter key " + key + ".");
        }
        String option = f.option() == null ? (key.equals("Path") ? "OneLevel" : "Equals") : f.option();
        checkOption(key, option, scope);
        return switch (key) {
            case "Name" -> c -> values.stream().anyMatch(v -> text(option, c.parameter().name, v));
            case "Type" -> c -> values.stream().anyMatch(v -> text(option, c.version().type, v));
            case "KeyId" -> c -> c.version().keyId != null
                    && values.stream().anyMatch(v -> text(option, c.version().keyId, v));
            case "Tier" -> c -> values.stream().anyMatch(v -> text(option, c.version().tier, v));
            case "DataType" -> c -> values.stream().anyMatch(v -> text(option, c.version().dataType, v));
            case "Label" -> c -> c.parameter().versions.values().stream()
                    .anyMatch(pv -> pv.labels.stream().anyMatch(values::contains));
            case "Path" -> path(values, option.equals("Recursive"));
            default -> tag(key.substring("tag:".length()), values, option);
        };
    }

    private static void checkOption(String key, String option, Scope scope) {
        Set<String> valid = switch (key) {
            case "Path" -> Set.of("Recursive", "OneLevel");
            case "Label" -> Set.of("Equals");
            case "Name" -> scope == Scope.DESCRIBE ? Set.of("Equals", "BeginsWith", "Contains") : Set.of("Equals", "BeginsWith");
            default -> Set.of("Equals", "BeginsWith");
        };
        if (!valid.contains(option)) {
            String list = switch (key) {
                case "Path" -> "[Recursive, OneLevel]";
                case "Label" -> "[Equals]";
                case "Name" -> scope == Scope.DESCRIBE ? "[Equals, BeginsWith, Contains]" : "[Equals, BeginsWith]";
                default -> "[Equals, BeginsWith]";
            };
            throw SsmErrors.invalidFilterOption(option, list);
        }
    }

    private static boolean text(String option, String actual, String wanted) {
        return switch (option) {
            case "BeginsWith" -> actual.startsWith(wanted);
            case "Contains" -> actual.contains(wanted);
            default -> actual.equals(wanted);
        };
    }

    /** OneLevel: parameters directly in the path; Recursive: at any depth below it. */
    private static Predicate<Candidate> path(List<String> values, boolean recursive) {
        for (String v : values) {
            if (!v.startsWith("/")) {
                throw SsmErrors.invalidFilterValue("The parameter doesn't meet the parameter name requirements. The"
                        + " parameter name must begin with a forward slash \"/\".");
            }
        }
        return c -> values.stream().anyMatch(v -> inPath(c.parameter().name, v, recursive));
    }

    static boolean inPath(String name, String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return false;
        }
        return recursive || name.indexOf('/', prefix.length()) < 0;
    }

    private static Predicate<Candidate> tag(String tagKey, List<String> values, String option) {
        return c -> {
            String value = c.parameter().tags.get(tagKey);
            return value != null && (values.isEmpty() || values.stream().anyMatch(v -> text(option, value, v)));
        };
    }
}
