package io.gureum.core.protocol;

import io.gureum.core.http.AwsHttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A REST request URI template from the SDK model, such as {@code /2015-03-31/functions/{FunctionName}}
 * or {@code /{Key+}?uploads}: literal and labelled path segments, a greedy label (last, or followed by literal
 * segments, as S3 Control's {@code /v20180820/mrap/instances/{mrap+}/routes}), and literal query keys that must be
 * present.
 */
public final class UriTemplate {
    private final List<String> segments;
    private final Map<String, String> literalQuery;
    private final boolean greedy;
    /** The index of the greedy label's segment, or -1. */
    private final int greedyAt;
    /** Per segment, the label it binds, or null for a literal segment (parsed once, not per request). */
    private final String[] labels;
    private final String[] queryKeys;
    private final String[] queryValues;
    private final int specificity;

    private UriTemplate(List<String> segments, Map<String, String> literalQuery) {
        this.segments = segments;
        this.literalQuery = literalQuery;
        int at = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).startsWith("{") && segments.get(i).endsWith("+}")) {
                at = i;
            }
        }
        this.greedyAt = at;
        this.greedy = at >= 0;
        this.labels = new String[segments.size()];
        for (int i = 0; i < labels.length; i++) {
            String t = segments.get(i);
            if (i == greedyAt) {
                labels[i] = t.substring(1, t.length() - 2);
            } else if (t.startsWith("{") && t.endsWith("}")) {
                labels[i] = t.substring(1, t.length() - 1);
            }
        }
        this.queryKeys = literalQuery.keySet().toArray(new String[0]);
        this.queryValues = new String[queryKeys.length];
        for (int i = 0; i < queryKeys.length; i++) {
            queryValues[i] = literalQuery.get(queryKeys[i]);
        }
        int score = 0;
        for (String s : segments) {
            score += s.startsWith("{") ? 1 : 10;
        }
        this.specificity = score * 10 + literalQuery.size() * 5 + (greedy ? 0 : 1);
    }

    public static UriTemplate parse(String template) {
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String pair : template.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
            }
        }
        return new UriTemplate(split(path), query);
    }

    /** Splits a path into its segments; "/" has none, "/a/" has "a" and "". */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty() || path.equals("/")) {
            return out;
        }
        int start = path.charAt(0) == '/' ? 1 : 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                out.add(path.substring(start));
                return out;
            }
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    public List<String> segments() {
        return segments;
    }

    public Map<String, String> literalQuery() {
        return literalQuery;
    }

    /** How specific the template is: literal segments and literal query keys count most. */
    public int specificity() {
        return specificity;
    }

    /**
     * Matches raw (still encoded) path segments and the request's query; returns the decoded labels or
     * null when the template does not match.
     */
    public Map<String, String> match(List<String> rawSegments, AwsHttpRequest request) {
        int n = labels.length;
        int size = rawSegments.size();
        if (greedy ? size < n : size != n) {
            return null;
        }
        // Literal segments and query keys first: most templates fail there, before any label is decoded.
        for (int i = 0; i < n; i++) {
            if (i == greedyAt) {
                continue;
            }
            String actual = rawSegments.get(raw(i, size));
            if (labels[i] == null ? !segments.get(i).equals(actual) : actual.isEmpty()) {
                return null;
            }
        }
        for (int i = 0; i < queryKeys.length; i++) {
            String actual = request.queryParameter(queryKeys[i]);
            if (actual == null || (queryValues[i] != null && !queryValues[i].equals(actual))) {
                return null;
            }
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (labels[i] == null) {
                continue;
            }
            if (i == greedyAt) {
                String rest = String.join("/", rawSegments.subList(i, size - (n - 1 - i)));
                if (rest.isEmpty() && i != n - 1) {
                    return null; // a greedy label before literal segments takes at least one character
                }
                out.put(labels[i], AwsHttpRequest.decode(rest, false));
                continue;
            }
            out.put(labels[i], AwsHttpRequest.decode(rawSegments.get(raw(i, size)), false));
        }
        return out;
    }

    /** The raw segment of template segment {@code i}: those after the greedy label count from the end. */
    private int raw(int i, int size) {
        return greedyAt >= 0 && i > greedyAt ? size - (labels.length - i) : i;
    }
}
