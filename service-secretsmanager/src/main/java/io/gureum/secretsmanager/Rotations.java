package io.gureum.secretsmanager;

import io.gureum.core.spi.Caller;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;

/**
 * RotateSecret and CancelRotateSecret. RotateSecret stores the function and rules, labels an empty version
 * (the ClientRequestToken) AWSPENDING — the rotation function's createSecret step puts its value — and hands
 * the steps to the {@link RotationRunner}; it answers at once, as rotation is asynchronous in AWS.
 */
final class Rotations {
    static final String IN_PROGRESS = "A previous rotation isn't complete. That rotation will be reattempted.";
    static final String NO_FUNCTION = "No Lambda rotation function ARN is associated with this secret.";
    static final String CANNOT_INVOKE = "Secrets Manager cannot invoke the specified Lambda function. Ensure that the"
            + " function policy grants access to the principal secretsmanager.amazonaws.com.";

    private final SecretsStores stores;
    private final RotationRunner runner;

    Rotations(SecretsStores stores, RotationRunner runner) {
        this.stores = stores;
        this.runner = runner;
    }

    public RotateSecretResponse rotateSecret(RotateSecretRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        if (pendingRotation(secret)) {
            throw SecretsErrors.invalidRequest(IN_PROGRESS);
        }
        String function = r.rotationLambdaARN() != null && !r.rotationLambdaARN().isEmpty() ? r.rotationLambdaARN()
                : secret.rotationLambdaArn;
        if (function == null) {
            throw SecretsErrors.invalidRequest(NO_FUNCTION);
        }
        if (r.rotationRules() != null) {
            RotationSchedule.check(r.rotationRules());
        }
        if (!invocable(secret, function)) {
            throw SecretsErrors.invalidRequest(CANNOT_INVOKE);
        }
        String token = r.clientRequestToken() != null ? r.clientRequestToken() : stores.context.ids().requestId();
        if (secret.versions.containsKey(token)) {
            throw SecretsErrors.exists(VersionWriter.VERSION_EXISTS);
        }
        secret.rotationLambdaArn = function;
        if (r.rotationRules() != null) {
            secret.rotationRules = r.rotationRules();
        }
        if (secret.rotationRules != null) {
            secret.rotationEnabled = true;
            secret.nextRotationDate = RotationSchedule.next(secret.rotationRules, stores.now());
        }
        boolean immediately = !Boolean.FALSE.equals(r.rotateImmediately());
        startRotation(secret, token, !immediately);
        secret.lastChangedDate = stores.now();
        return RotateSecretResponse.builder().arn(secret.arn.toString()).name(secret.name)
                .versionId(immediately ? token : null).build();
    }

    public CancelRotateSecretResponse cancelRotateSecret(CancelRotateSecretRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        String pending = secret.rotationInProgress;
        SecretVersion pendingVersion = secret.versionWithStage(StagingLabels.PENDING);
        if (pending == null && pendingVersion != null && !pendingVersion.stages.contains(StagingLabels.CURRENT)) {
            pending = pendingVersion.versionId;
        }
        secret.rotationInProgress = null;
        secret.rotationEnabled = false;
        secret.nextRotationDate = null;
        secret.lastChangedDate = stores.now();
        return CancelRotateSecretResponse.builder().arn(secret.arn.toString()).name(secret.name).versionId(pending)
                .build();
    }

    /** Starts a rotation the schedule brought due (the caller holds the write lock). */
    void rotateOnSchedule(Secret secret) {
        if (pendingRotation(secret) || secret.rotationLambdaArn == null) {
            return;
        }
        startRotation(secret, stores.context.ids().requestId(), false);
        // The schedule moves on now; a successful rotation sets it again from its LastRotatedDate.
        secret.nextRotationDate = RotationSchedule.next(secret.rotationRules, stores.now());
    }

    private void startRotation(Secret secret, String token, boolean testOnly) {
        SecretVersion version = new SecretVersion(token, stores.now(), null);
        secret.versions.put(token, version);
        StagingLabels.attach(secret, version, List.of(StagingLabels.PENDING));
        runner.start(secret, token, testOnly);
    }

    /**
     * A rotation is running, or AWSPENDING is on a version other than AWSCURRENT's: "any later invocation of
     * RotateSecret assumes that a previous rotation request is still in progress" (API_RotateSecret.html).
     */
    static boolean pendingRotation(Secret secret) {
        if (secret.rotationInProgress != null) {
            return true;
        }
        SecretVersion pending = secret.versionWithStage(StagingLabels.PENDING);
        return pending != null && !pending.stages.contains(StagingLabels.CURRENT);
    }

    /** Whether Lambda is served here and has the function (read as Secrets Manager's principal). */
    private boolean invocable(Secret secret, String function) {
        if (!stores.context.clients().serves(LambdaClient.class)) {
            return false;
        }
        try {
            stores.context.clients().client(LambdaClient.class, Caller.service(RotationRunner.PRINCIPAL,
                    secret.account, secret.region, secret.arn.toString())).getFunction(b -> b.functionName(function));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
