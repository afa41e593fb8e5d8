package io.gureum.events;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretResponse;

/**
 * A stand-in for Secrets Manager in EventBridge's tests (the real module depends on this one through Lambda's
 * tests, so it cannot be on this module's test class path): secrets by ARN with the principal that created them.
 * Kept in a static map, so that a restarted server in the same JVM finds them, as the real one would find its own
 * on the data directory.
 */
public final class FakeSecrets implements AwsService {
    /** One secret: its name, value and the principal that created it. */
    record Secret(String name, String value, String createdBy) {
    }

    static final Map<String, Secret> BY_ARN = new ConcurrentHashMap<>();

    public static final class Provider {
        public CreateSecretResponse createSecret(CreateSecretRequest r) {
            RequestContext ctx = RequestContext.current();
            token(r.clientRequestToken());
            String arn = "arn:aws:secretsmanager:" + ctx.region() + ":" + ctx.accountId() + ":secret:" + r.name()
                    + "-" + Integer.toHexString(r.name().hashCode() & 0xffffff);
            BY_ARN.put(arn, new Secret(r.name(), r.secretString(), ctx.principal()));
            return CreateSecretResponse.builder().arn(arn).name(r.name()).build();
        }

        public GetSecretValueResponse getSecretValue(GetSecretValueRequest r) {
            Secret s = secret(r.secretId());
            return GetSecretValueResponse.builder().arn(r.secretId()).name(s.name()).secretString(s.value()).build();
        }

        public UpdateSecretResponse updateSecret(UpdateSecretRequest r) {
            Secret s = secret(r.secretId());
            if (r.secretString() != null) {
                token(r.clientRequestToken());
            }
            BY_ARN.put(r.secretId(), new Secret(s.name(), r.secretString() != null ? r.secretString() : s.value(),
                    s.createdBy()));
            return UpdateSecretResponse.builder().arn(r.secretId()).name(s.name()).build();
        }

        public DeleteSecretResponse deleteSecret(DeleteSecretRequest r) {
            secret(r.secretId());
            BY_ARN.remove(r.secretId());
            return DeleteSecretResponse.builder().arn(r.secretId()).build();
        }

        /** In-process calls get no token from the SDK: the real service refuses a new value without one. */
        private static void token(String token) {
            if (token == null) {
                throw InvalidRequestException.builder().message("You must provide a ClientRequestToken value.").build();
            }
        }

        private static Secret secret(String arn) {
            Secret s = BY_ARN.get(arn);
            if (s == null) {
                throw ResourceNotFoundException.builder().message("Secrets Manager can't find the specified secret.")
                        .build();
            }
            return s;
        }
    }

    @Override
    public String name() {
        return "secretsmanager";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Provider.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        Provider provider = new Provider();
        return () -> List.of(provider);
    }
}
