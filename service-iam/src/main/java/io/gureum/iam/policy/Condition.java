package io.gureum.iam.policy;

import java.util.List;

/**
 * One test of a {@code Condition} block: an operator with its qualifiers ({@code ForAnyValue:StringLikeIfExists}),
 * a context key and the policy's values (any of which may match).
 */
public record Condition(String operator, String key, List<String> values) {
    public Condition {
        values = List.copyOf(values);
    }

    /** Whether the request context satisfies this test. */
    public boolean test(ContextKeys context) {
        return ConditionOperators.test(this, context);
    }
}
