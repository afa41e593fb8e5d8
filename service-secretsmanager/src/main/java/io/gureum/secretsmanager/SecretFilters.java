package io.gureum.secretsmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;

/**
 * ListSecrets' and BatchGetSecretValue's filters (API_Filter.html): {@code name}, {@code tag-key},
 * {@code tag-value}, {@code primary-region} and {@code owning-service} are case-sensitive prefix matches;
 * {@code description} matches words, not case-sensitive; {@code all} breaks the value into words (at
 * punctuation, letter/digit and lower/upper case changes, manage_search-secret.html) and matches any of them
 * at the start of a word of the name, description, tag keys or tag values, not case-sensitive. A value
 * starting with {@code !} negates. Values of one filter are alternatives; filters all apply.
 */
final class SecretFilters {
    private SecretFilters() {
    }

    /** The secrets of a store that pass every filter, in creation order. */
    static List<Secret> matching(SecretsStore store, List<Filter> filters, boolean includePlannedDeletion) {
        List<Secret> all = new ArrayList<>(store.byName.values());
        all.sort((a, b) -> a.createdDate.equals(b.createdDate) ? a.name.compareTo(b.name)
                : a.createdDate.compareTo(b.createdDate));
        List<Secret> out = new ArrayList<>();
        for (Secret s : all) {
            if ((includePlannedDeletion || !s.scheduledForDeletion()) && matches(s, filters)) {
                out.add(s);
            }
        }
        return out;
    }

    static boolean matches(Secret s, List<Filter> filters) {
        for (Filter f : filters) {
            if (f.key() == null) {
                throw SecretsErrors.invalidParameter("Invalid filter key. The key must be one of: description, name,"
                        + " tag-key, tag-value, primary-region, owning-service, all.");
            }
            if (!matches(s, f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Secret s, Filter f) {
        boolean anyPositive = false;
        boolean positiveHit = false;
        for (String raw : f.values()) {
            boolean negated = raw.startsWith("!");
            String value = negated ? raw.substring(1) : raw;
            boolean hit = matchesValue(s, f.key(), value);
            if (negated && hit) {
                return false;
            }
            if (!negated) {
                anyPositive = true;
                positiveHit |= hit;
            }
        }
        return !anyPositive || positiveHit;
    }

    private static boolean matchesValue(Secret s, FilterNameStringType key, String value) {
        Map<String, String> tags = s.tags;
        Secret source = s.source();
        return switch (key) {
            case NAME -> s.name.startsWith(value);
            case TAG_KEY -> tags.keySet().stream().anyMatch(k -> k.startsWith(value));
            case TAG_VALUE -> tags.values().stream().anyMatch(v -> v.startsWith(value));
            case PRIMARY_REGION -> s.primaryRegion() != null && s.primaryRegion().startsWith(value);
            case OWNING_SERVICE -> source.owningService != null && source.owningService.startsWith(value);
            case DESCRIPTION -> source.description != null && allWordsMatch(words(value), words(source.description));
            case ALL -> anyWordMatches(words(value), allWords(s));
            default -> throw SecretsErrors.invalidParameter("Invalid filter key. The key must be one of: description,"
                    + " name, tag-key, tag-value, primary-region, owning-service, all.");
        };
    }

    private static List<String> allWords(Secret s) {
        List<String> words = new ArrayList<>(words(s.name));
        if (s.source().description != null) {
            words.addAll(words(s.source().description));
        }
        s.tags.forEach((k, v) -> {
            words.addAll(words(k));
            words.addAll(words(v));
        });
        return words;
    }

    private static boolean allWordsMatch(List<String> wanted, List<String> words) {
        for (String w : wanted) {
            if (words.stream().noneMatch(x -> x.startsWith(w))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyWordMatches(List<String> wanted, List<String> words) {
        for (String w : wanted) {
            if (words.stream().anyMatch(x -> x.startsWith(w))) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case words: split at anything but letters and digits, at letter/digit and lower-to-upper changes. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char prev = 0;
        for (char c : text.toCharArray()) {
            boolean alnum = Character.isLetterOrDigit(c);
            boolean split = !alnum || word.length() > 0 && (Character.isDigit(c) != Character.isDigit(prev)
                    || Character.isUpperCase(c) && Character.isLowerCase(prev));
            if (split && word.length() > 0) {
                out.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
            if (alnum) {
                word.append(c);
            }
            prev = c;
        }
        if (word.length() > 0) {
            out.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
