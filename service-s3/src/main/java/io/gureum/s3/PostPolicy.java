package io.gureum.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The POST policy of a browser upload: its expiration on Gureum's clock, its conditions (exact match,
 * {@code eq}, {@code starts-with}, {@code content-length-range}) and that every form field is covered by one
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
 */
final class PostPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields a policy need not name. */
    private static final Set<String> EXEMPT = Set.of("policy", "x-amz-signature", "signature", "awsaccesskeyid",
            "file", "x-amz-security-token");

    final long minLength;
    final long maxLength;

    private PostPolicy(long minLength, long maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** Checks the policy against the form; the length range is checked as the file streams. */
    static PostPolicy check(String policyBase64, Map<String, String> fields, String bucket, Instant now) {
        JsonNode policy;
        try {
            policy = JSON.readTree(new String(Base64.getDecoder().decode(policyBase64.trim()), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AwsException("InvalidPolicyDocument", "Invalid Policy: Invalid JSON.", 400);
        }
        JsonNode expiration = policy.get("expiration");
        if (expiration == null || !policy.has("conditions")) {
            throw new AwsException("InvalidPolicyDocument",
                    "Invalid Policy: Policy missing " + (expiration == null ? "expiration." : "conditions."), 400);
        }
        Instant expires;
        try {
            expires = Instant.parse(expiration.asText());
        } catch (Exception e) {
            throw new AwsException("InvalidPolicyDocument", "Invalid Policy: Invalid 'expiration' value: '"
                    + expiration.asText() + "'", 400);
        }
        if (now.isAfter(expires)) {
            throw denied("Invalid according to Policy: Policy expired.");
        }
        Set<String> covered = new HashSet<>();
        long min = 0;
        long max = Long.MAX_VALUE;
        for (JsonNode c : policy.get("conditions")) {
            if (c.isObject()) {
                var it = c.fields();
                while (it.hasNext()) {
                    var e = it.next();
                    String name = e.getKey().toLowerCase(Locale.ROOT);
                    covered.add(name);
                    String actual = name.equals("bucket") ? bucket : fields.get(name);
                    if (!e.getValue().asText().equals(actual)) {
                        throw failed(c);
                    }
                }
            } else if (c.isArray() && c.size() == 3) {
                String op = c.get(0).asText().toLowerCase(Locale.ROOT);
                if (op.equals("content-length-range")) {
                    min = c.get(1).asLong();
                    max = c.get(2).asLong();
                    continue;
                }
                String name = c.get(1).asText().replaceFirst("^\\$", "").toLowerCase(Locale.ROOT);
                covered.add(name);
                String actual = name.equals("bucket") ? bucket : fields.getOrDefault(name, "");
                String expected = c.get(2).asText();
                boolean ok = switch (op) {
                    case "eq" -> actual.equals(expected);
                    case "starts-with" -> actual.startsWith(expected);
                    default -> throw new AwsException("InvalidPolicyDocument",
                            "Invalid Policy: Invalid Condition: unknown operation '" + op + "'.", 400);
                };
                if (!ok) {
                    throw failed(c);
                }
            } else {
                throw new AwsException("InvalidPolicyDocument", "Invalid Policy: Invalid Simple-Condition: "
                        + "Simple-Conditions must have exactly one property specified.", 400);
            }
        }
        for (String field : fields.keySet()) {
            if (!EXEMPT.contains(field) && !field.startsWith("x-ignore-") && !covered.contains(field)) {
                throw denied("Invalid according to Policy: Extra input fields: " + field);
            }
        }
        return new PostPolicy(min, max);
    }

    private static AwsException failed(JsonNode condition) {
        return denied("Invalid according to Policy: Policy Condition failed: " + condition.toString().replace(",",
                ", "));
    }

    static AwsException denied(String message) {
        return new AwsException("AccessDenied", message, 403);
    }
}
