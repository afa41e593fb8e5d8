package io.gureum.cloudwatch.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The first argument of SEARCH (CloudWatch search expression syntax): an optional schema {@code {Namespace,
 * DimName, …}} selecting the metrics of that namespace with exactly those dimension names, then search terms
 * joined by AND (or juxtaposition), OR, NOT and parentheses. A term is free ({@code micro}, matched against the
 * namespace, metric name, dimension names and values) or a property term ({@code MetricName=x},
 * {@code Namespace=x}, {@code DimName=x}). A term in double quotes must equal the whole name or value; an
 * unquoted term is a partial match: its tokens must appear, in order and ignoring case, as consecutive tokens of
 * the name (names split at non-alphanumeric characters, case changes and letter/digit changes), so {@code micro}
 * finds {@code t2.micro}, {@code CPU} finds {@code CPUUtilization} and {@code EC2} finds {@code AWS/EC2}.
 */
public final class SearchQuery {
    /** A metric as the search sees it. */
    public record Candidate(String namespace, String metricName, Map<String, String> dimensions) {
    }

    private final String namespace;
    private final List<String> schemaDimensions;
    private final Predicate<Candidate> terms;

    private SearchQuery(String namespace, List<String> schemaDimensions, Predicate<Candidate> terms) {
        this.namespace = namespace;
        this.schemaDimensions = schemaDimensions;
        this.terms = terms;
    }

    public boolean matches(Candidate c) {
        if (namespace != null && (!namespace.equals(c.namespace())
                || !new java.util.TreeSet<>(schemaDimensions).equals(new java.util.TreeSet<>(c.dimensions().keySet())))) {
            return false;
        }
        return terms.test(c);
    }

    public static SearchQuery parse(String text) {
        return new Parser(text).query();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        SearchQuery query() {
            skip();
            String ns = null;
            List<String> dims = new ArrayList<>();
            if (pos < text.length() && text.charAt(pos) == '{') {
                int end = text.indexOf('}', pos);
                if (end < 0) {
                    throw new MathException("Unterminated metric schema in the search expression " + text);
                }
                List<String> parts = splitSchema(text.substring(pos + 1, end));
                if (parts.isEmpty() || parts.get(0).isEmpty()) {
                    throw new MathException("The metric schema must name a namespace: " + text);
                }
                ns = parts.get(0);
                dims.addAll(parts.subList(1, parts.size()));
                pos = end + 1;
            }
            skip();
            Predicate<Candidate> terms = c -> true;
            if (pos < text.length()) {
                terms = or();
                skip();
                if (pos < text.length()) {
                    throw new MathException("Unexpected '" + text.charAt(pos) + "' in the search expression " + text);
                }
            } else if (ns == null) {
                throw new MathException("A search expression needs a metric schema or a search term.");
            }
            return new SearchQuery(ns, dims, terms);
        }

        private static List<String> splitSchema(String inner) {
            List<String> out = new ArrayList<>();
            for (String part : inner.split(",")) {
                String p = part.trim();
                if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
                    p = p.substring(1, p.length() - 1);
                }
                out.add(p);
            }
            return out;
        }

        private Predicate<Candidate> or() {
            Predicate<Candidate> left = and();
            while (word("OR")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<Candidate> and() {
            Predicate<Candidate> left = not();
            while (true) {
                skip();
                if (pos >= text.length() || text.charAt(pos) == ')' || peekWord("OR")) {
                    return left;
                }
                word("AND");
                left = left.and(not());
            }
        }

        private Predicate<Candidate> not() {
            if (word("NOT")) {
                return not().negate();
            }
            skip();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                Predicate<Candidate> inner = or();
                skip();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw new MathException("Expected ')' in the search expression " + text);
                }
                pos++;
                return inner;
            }
            return term();
        }

        private Predicate<Candidate> term() {
            Token first = token();
            skip();
            if (!first.quoted() && pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                skip();
                Token value = token();
                String property = first.text();
                if (property.equals("MetricName")) {
                    return c -> value.matches(c.metricName());
                }
                if (property.equals("Namespace")) {
                    return c -> value.matches(c.namespace());
                }
                return c -> c.dimensions().containsKey(property) && value.matches(c.dimensions().get(property));
            }
            return c -> first.matches(c.namespace()) || first.matches(c.metricName())
                    || c.dimensions().entrySet().stream()
                            .anyMatch(e -> first.matches(e.getKey()) || first.matches(e.getValue()));
        }

        private Token token() {
            skip();
            if (pos >= text.length()) {
                throw new MathException("Unexpected end of the search expression " + text);
            }
            if (text.charAt(pos) == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw new MathException("Unterminated string in the search expression " + text);
                }
                String s = text.substring(pos + 1, end);
                pos = end + 1;
                return new Token(s, true);
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "()=\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw new MathException("Unexpected '" + text.charAt(pos) + "' in the search expression " + text);
            }
            return new Token(text.substring(start, pos), false);
        }

        private boolean peekWord(String w) {
            int end = pos + w.length();
            return text.startsWith(w, pos) && (end >= text.length() || Character.isWhitespace(text.charAt(end))
                    || text.charAt(end) == '(');
        }

        private boolean word(String w) {
            skip();
            if (peekWord(w)) {
                pos += w.length();
                return true;
            }
            return false;
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }

    /** A search term: quoted terms match a whole name exactly; unquoted ones a whole name or a token of it. */
    private record Token(String text, boolean quoted) {
        boolean matches(String name) {
            if (name == null) {
                return false;
            }
            if (quoted) {
                return name.equals(text);
            }
            if (name.equalsIgnoreCase(text)) {
                return true;
            }
            List<String> want = lower(tokens(text));
            List<String> have = lower(tokens(name));
            return !want.isEmpty() && java.util.Collections.indexOfSubList(have, want) >= 0;
        }
    }

    private static List<String> lower(List<String> tokens) {
        return tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The tokens of a name: split at non-alphanumerics, before an upper-case letter that follows a lower-case one
     * or that starts a word after an acronym ({@code CPUUtilization} → CPU, Utilization), and between letters and
     * digits.
     */
    static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char prev = cur.length() > 0 ? cur.charAt(cur.length() - 1) : 0;
            boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
            boolean boundary = !Character.isLetterOrDigit(c) || (cur.length() > 0
                    && (Character.isUpperCase(c) && (Character.isLowerCase(prev)
                            || Character.isUpperCase(prev) && nextLower)
                            || Character.isDigit(c) != Character.isDigit(prev)));
            if (boundary && cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            if (Character.isLetterOrDigit(c)) {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
