package io.gureum.secretsmanager;

import io.gureum.core.spi.Caller;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Runs a rotation on a worker thread (never a request's): the Lambda function is invoked through an
 * in-process {@link LambdaClient}, as {@code secretsmanager.amazonaws.com}, once per step —
 * {@code createSecret}, {@code setSecret}, {@code testSecret}, {@code finishSecret} — with AWS's event
 * {@code {"SecretId", "ClientRequestToken", "Step"}}
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html). The
 * store lock is not held while the function runs, so the function can call Secrets Manager back.
 *
 * <p>A step that fails (a function error or an invoke error) ends the rotation: the version stays labelled
 * AWSPENDING, so the next RotateSecret answers that a previous rotation isn't complete, as AWS does. After a
 * successful finishSecret, AWSPENDING is removed, LastRotatedDate set and the next rotation scheduled. A test
 * run (RotateImmediately false) runs only testSecret and then removes the AWSPENDING version.
 */
final class RotationRunner {
    static final List<String> ALL_STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    static final List<String> TEST_ONLY = List.of("testSecret");
    static final String PRINCIPAL = "secretsmanager.amazonaws.com";
    private static final Logger LOG = LoggerFactory.getLogger(RotationRunner.class);

    private final SecretsStores stores;
    private final ExecutorService worker;

    RotationRunner(SecretsStores stores, ExecutorService worker) {
        this.stores = stores;
        this.worker = worker;
    }

    /** Starts the rotation {@code token} of {@code secret}; the caller holds the write lock and has labelled the version. */
    void start(Secret secret, String token, boolean testOnly) {
        secret.rotationInProgress = token;
        try {
            worker.execute(() -> run(secret, token, testOnly));
        } catch (RejectedExecutionException closed) {
            secret.rotationInProgress = null;
        }
    }

    private void run(Secret secret, String token, boolean testOnly) {
        String function = secret.rotationLambdaArn;
        boolean ok = true;
        for (String step : testOnly ? TEST_ONLY : ALL_STEPS) {
            if (!token.equals(secret.rotationInProgress)) {
                return; // CancelRotateSecret
            }
            if (!invoke(secret, function, token, step)) {
                ok = false;
                break;
            }
        }
        Lock lock = stores.lock.writeLock();
        lock.lock();
        try {
            if (!token.equals(secret.rotationInProgress)) {
                return;
            }
            secret.rotationInProgress = null;
            if (testOnly) {
                SecretVersion pending = secret.versions.get(token);
                if (pending != null) {
                    pending.stages.remove(StagingLabels.PENDING);
                    if (pending.value == null || pending.deprecated()) {
                        secret.versions.remove(token);
                    }
                }
            } else if (ok) {
                SecretVersion pending = secret.versionWithStage(StagingLabels.PENDING);
                if (pending != null && pending.stages.contains(StagingLabels.CURRENT)) {
                    pending.stages.remove(StagingLabels.PENDING);
                }
                secret.lastRotatedDate = stores.now();
                if (secret.rotationRules != null && Boolean.TRUE.equals(secret.rotationEnabled)) {
                    secret.nextRotationDate = RotationSchedule.next(secret.rotationRules, secret.lastRotatedDate);
                }
            }
            stores.changed.run();
        } finally {
            lock.unlock();
        }
    }

    private boolean invoke(Secret secret, String function, String token, String step) {
        String event = "{\"SecretId\":" + quote(secret.arn.toString()) + ",\"ClientRequestToken\":" + quote(token)
                + ",\"Step\":" + quote(step) + "}";
        try {
            LambdaClient lambda = stores.context.clients().client(LambdaClient.class,
                    Caller.service(PRINCIPAL, secret.account, secret.region, secret.arn.toString()));
            InvokeResponse r = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event)));
            if (r.functionError() != null) {
                LOG.info("Rotation of {} failed at {}: {}", secret.arn, step, r.payload().asUtf8String());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            LOG.info("Rotation of {} failed at {}: {}", secret.arn, step, e.toString());
            return false;
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
