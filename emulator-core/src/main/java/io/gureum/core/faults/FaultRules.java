package io.gureum.core.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.protocol.index.ErrorEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The server's fault rules. A request is checked once its operation is known; the first rule that
 * claims it decides. With no rules the check is one empty-list test.
 */
public final class FaultRules {
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,99}");
    private static final long MAX_LATENCY_MILLIS = 600_000;

    /** What a claimed rule does to a request: fail it with {@code error} (if not null) after {@code latencyMillis}. */
    public record Fault(FaultRule rule, AwsException error, long latencyMillis) {
    }

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Function<String, ServiceModel> models;

    /** @param models the model of a served API by name, or null when it is not served */
    public FaultRules(Function<String, ServiceModel> models) {
        this.models = models;
    }

    /**
     * Adds a rule from its JSON form:
     * {@code {"service":"sqs","operation":"List*","error":"ThrottlingException","probability":1,"count":3,
     * "account":"…","region":"…","status":400,"message":"…","latencyMillis":200}}.
     *
     * @throws IllegalArgumentException with a message for the client when the rule is malformed
     */
    public FaultRule add(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("A fault rule is a JSON object, e.g. "
                    + "{\"service\":\"sqs\",\"operation\":\"ListQueues\",\"error\":\"ThrottlingException\"}");
        }
        String service = text(json, "service", "*");
        String operation = text(json, "operation", "*");
        String error = text(json, "error", null);
        if (error != null && !CODE.matcher(error).matches()) {
            throw new IllegalArgumentException("error must be an AWS error code such as ThrottlingException");
        }
        long latency = json.path("latencyMillis").asLong(0);
        if (latency < 0 || latency > MAX_LATENCY_MILLIS) {
            throw new IllegalArgumentException("latencyMillis must be between 0 and " + MAX_LATENCY_MILLIS);
        }
        if (error == null && latency == 0) {
            throw new IllegalArgumentException("A fault rule needs an error, a latencyMillis, or both");
        }
        double probability = json.path("probability").asDouble(1);
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be greater than 0 and at most 1");
        }
        Long count = json.hasNonNull("count") ? json.get("count").asLong() : null;
        if (count != null && count < 1) {
            throw new IllegalArgumentException("count must be at least 1 (leave it out for no limit)");
        }
        Integer status = json.hasNonNull("status") ? json.get("status").asInt() : null;
        if (status != null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599)");
        }
        if (error != null && status == null && CommonErrorStatus.of(error) == null) {
            ServiceModel model = service.contains("*") || service.contains("?") ? null : models.apply(service);
            if (model == null || model.errorByCode(error) == null) {
                throw new IllegalArgumentException(error + " is not an error " + (model == null ? "AWS APIs share"
                        : service + "'s model names") + ": give its HTTP status as \"status\"");
            }
        }
        FaultRule rule = new FaultRule("fault-" + ids.incrementAndGet(), service, operation, text(json, "account", null),
                text(json, "region", null), probability, count, error, status, text(json, "message", null), latency,
                new AtomicLong());
        rules.add(rule);
        return rule;
    }

    public List<FaultRule> list() {
        rules.removeIf(FaultRule::spent);
        return List.copyOf(rules);
    }

    public boolean remove(String id) {
        return rules.removeIf(r -> r.id().equals(id));
    }

    public void clear() {
        rules.clear();
    }

    /**
     * The fault for a request of {@code operation} of {@code service} in {@code account}/{@code region}, or
     * null. The error's status comes from the rule, else from the API's model, else from AWS's common errors.
     */
    public Fault decide(ServiceModel model, String service, String operation, String account, String region) {
        if (rules.isEmpty()) {
            return null;
        }
        for (FaultRule rule : rules) {
            if (rule.claims(service, operation, account, region)) {
                return new Fault(rule, rule.error() == null ? null : error(rule, model), rule.latencyMillis());
            }
        }
        return null;
    }

    private static AwsException error(FaultRule rule, ServiceModel model) {
        ErrorEntry modeled = model == null ? null : model.errorByCode(rule.error());
        Integer status = rule.status() != null ? rule.status()
                : modeled != null ? Integer.valueOf(modeled.status()) : CommonErrorStatus.of(rule.error());
        String message = rule.message() != null ? rule.message()
                : "Injected by Gureum fault rule " + rule.id() + " (/_gureum/faults)";
        return new AwsException(rule.error(), message, status == null ? 400 : status);
    }

    private static String text(JsonNode json, String field, String fallback) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return n.asText();
    }
}
