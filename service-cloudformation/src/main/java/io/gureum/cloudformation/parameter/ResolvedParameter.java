package io.gureum.cloudformation.parameter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parameter's value for the stack: {@code raw} as given (what DescribeStacks shows, or {@code ****} when
 * {@code NoEcho}), {@code value} as {@code Ref} returns it (a list for list types), and for SSM parameter
 * types the value read from Parameter Store ({@code resolvedValue}).
 */
public record ResolvedParameter(String key, String raw, JsonNode value, boolean noEcho, String resolvedValue) {

    /** What DescribeStacks shows as the ParameterValue. */
    public String shown() {
        return noEcho ? "****" : raw;
    }
}
