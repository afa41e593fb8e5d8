package io.gureum.cloudformation.resource.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/**
 * {@code AWS::SecretsManager::RotationSchedule}: the rotation function and rules of a secret (RotateSecret).
 * {@code Ref} and {@code Fn::GetAtt Id} give the secret's ARN. {@code SecretId} replaces it; the function, the
 * rules and {@code RotateImmediatelyOnUpdate} change in place (RotateSecret again). Delete is CancelRotateSecret.
 *
 * <p>RotateSecret answers at once and Secrets Manager then runs the function's steps; the resource completes when
 * the rotation has (the version RotateSecret made is {@code AWSCURRENT} without {@code AWSPENDING}; with
 * {@code RotateImmediatelyOnUpdate: false} only {@code testSecret} runs, and the resource completes when the
 * pending version is gone). The wait polls DescribeSecret on a timer ({@link Polling}), holding no thread. Secrets
 * Manager's API does not tell a failed rotation from a running one (both leave {@code AWSPENDING} on the
 * version), so a rotation still unfinished when each of its steps could have used the function's whole
 * {@code Timeout} (plus a margin) has failed, and the resource fails saying so.
 *
 * <p>{@code HostedRotationLambda} (a function AWS deploys from its Serverless Application Repository templates)
 * and the external-secret properties fail the resource naming them.
 */
public final class RotationScheduleHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("SecretId", "RotationLambdaARN", "RotationRules",
            "RotateImmediatelyOnUpdate");
    private static final String PENDING = "AWSPENDING";
    private static final String CURRENT = "AWSCURRENT";
    /** Beyond the function's steps: Secrets Manager's own work and the function's start. */
    static final Duration MARGIN = Duration.ofSeconds(20);

    @Override
    public String type() {
        return "AWS::SecretsManager::RotationSchedule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SecretId");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        return rotate(r, "create");
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        return rotate(r, "update");
    }

    private CompletableFuture<Created> rotate(ResourceRequest r, String action) {
        if (r.has("HostedRotationLambda")) {
            throw new ResourceFailure("Gureum does not emulate HostedRotationLambda of " + type()
                    + ": AWS deploys that function from its Serverless Application Repository templates; give"
                    + " RotationLambdaARN instead");
        }
        Served.check(r, SERVED);
        String function = r.text("RotationLambdaARN");
        if (function == null) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: one of RotationLambdaARN or HostedRotationLambda is required");
        }
        JsonNode rules = r.property("RotationRules");
        RotationRulesType rulesType = rules == null ? null : RotationRulesType.builder()
                .automaticallyAfterDays(Json.integer(rules, "AutomaticallyAfterDays") == null ? null
                        : Long.valueOf(Json.integer(rules, "AutomaticallyAfterDays")))
                .duration(Json.text(rules, "Duration")).scheduleExpression(Json.text(rules, "ScheduleExpression"))
                .build();
        boolean immediately = !Boolean.FALSE.equals(r.bool("RotateImmediatelyOnUpdate"));
        SecretsManagerClient sm = r.client(SecretsManagerClient.class);
        String token = token(r, action);
        String arn = sm.rotateSecret(b -> b.secretId(r.requiredText("SecretId")).rotationLambdaARN(function)
                .rotationRules(rulesType).rotateImmediately(immediately).clientRequestToken(token)).arn();
        Duration limit = limit(r, function, immediately ? 4 : 1);
        return Polling.until(() -> {
            DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(arn));
            List<String> stages = d.hasVersionIdsToStages() ? d.versionIdsToStages().get(token) : null;
            boolean done = immediately ? stages != null && stages.contains(CURRENT) && !stages.contains(PENDING)
                    : stages == null || !stages.contains(PENDING);
            return done ? Polling.Outcome.done(Created.of(arn).attribute("Id", arn)) : null;
        }, limit, "Rotation of secret " + arn + " with " + function + " did not finish: a step of the function failed"
                + " (the version " + token + " is still " + PENDING + ")");
    }

    /** How long the rotation's {@code steps} can take: each the function's whole Timeout, and a margin. */
    private static Duration limit(ResourceRequest r, String function, int steps) {
        int timeout = 3;
        try {
            Integer t = r.client(LambdaClient.class).getFunctionConfiguration(b -> b.functionName(function)).timeout();
            timeout = t == null ? timeout : t;
        } catch (RuntimeException e) {
            // Secrets Manager invoked it (RotateSecret checked it exists): Lambda's default timeout.
        }
        return Duration.ofSeconds((long) timeout * steps).plus(MARGIN);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SecretsManagerClient.class).cancelRotateSecret(b -> b.secretId(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // The secret is gone, and its rotation with it.
        }
    }

    /** One RotateSecret token per stack operation and resource, so a retried call is the same rotation. */
    private static String token(ResourceRequest r, String action) {
        return UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.requestToken() + "|"
                + action + "|rotation").getBytes(StandardCharsets.UTF_8)).toString();
    }

}
