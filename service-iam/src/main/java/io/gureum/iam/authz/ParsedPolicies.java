package io.gureum.iam.authz;

import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed policy documents by their text, so that a request's authorization parses no JSON once its policies
 * were seen: documents are immutable values. Bounded: emptied when it grows past {@link #MAX}.
 */
public final class ParsedPolicies {
    static final int MAX = 10_000;
    private final Map<String, PolicyDocument> byText = new ConcurrentHashMap<>();

    /** The parsed document, or null when the text is not a valid policy (it then grants and denies nothing). */
    public PolicyDocument parse(String json) {
        if (json == null) {
            return null;
        }
        PolicyDocument d = byText.get(json);
        if (d == null) {
            try {
                d = PolicyDocument.parse(json);
            } catch (PolicySyntaxException e) {
                return null;
            }
            if (byText.size() >= MAX) {
                byText.clear();
            }
            byText.put(json, d);
        }
        return d;
    }
}
