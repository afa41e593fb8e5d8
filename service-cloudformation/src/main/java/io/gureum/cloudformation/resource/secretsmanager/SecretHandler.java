package io.gureum.cloudformation.resource.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@code AWS::SecretsManager::Secret}. {@code Ref} is the secret's ARN; {@code Fn::GetAtt} gives {@code Id}
 * (the same ARN). {@code Name} replaces it; the value, description, KMS key and tags change in place.
 * {@code GenerateSecretString} makes the value with GetRandomPassword, placed under
 * {@code GenerateStringKey} of {@code SecretStringTemplate} when one is given. Delete removes the secret
 * without a recovery window, as CloudFormation does.
 */
public final class SecretHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Description", "GenerateSecretString", "KmsKeyId", "Name", "SecretString", "Tags");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return "AWS::SecretsManager::Secret";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        SecretsManagerClient sm = r.client(SecretsManagerClient.class);
        String name = r.has("Name") ? r.text("Name") : r.logicalId() + "-" + r.nameSuffix();
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        String arn = sm.createSecret(b -> b.name(name).description(r.text("Description")).kmsKeyId(r.text("KmsKeyId"))
                .secretString(value(r, sm)).tags(tags.isEmpty() ? null : tags).clientRequestToken(token(r, "create"))).arn();
        return Created.of(arn).attribute("Id", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SecretsManagerClient sm = r.client(SecretsManagerClient.class);
        String arn = r.physicalId();
        Set<String> changed = r.changedProperties();
        boolean value = changed.contains("SecretString") || changed.contains("GenerateSecretString");
        if (value || changed.contains("Description") || changed.contains("KmsKeyId")) {
            sm.updateSecret(b -> b.secretId(arn).description(r.has("Description") ? r.text("Description") : "")
                    .kmsKeyId(r.text("KmsKeyId")).secretString(value ? value(r, sm) : null)
                    .clientRequestToken(value ? token(r, "update") : null));
        }
        if (changed.contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>();
            sm.describeSecret(b -> b.secretId(arn)).tags().forEach(t -> {
                if (!now.containsKey(t.key())) {
                    removed.add(t.key());
                }
            });
            if (!removed.isEmpty()) {
                sm.untagResource(b -> b.secretId(arn).tagKeys(removed));
            }
            List<Tag> tags = new ArrayList<>();
            now.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            sm.tagResource(b -> b.secretId(arn).tags(tags));
        }
        return Created.of(arn).attribute("Id", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SecretsManagerClient.class).deleteSecret(b -> b.secretId(r.physicalId())
                    .forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    /**
     * The version id of the value written: one per stack operation and resource, so a retried call does not
     * make a second version (the SDK fills it in over HTTP; in-process calls must give it).
     */
    private static String token(ResourceRequest r, String action) {
        return UUID.nameUUIDFromBytes((r.stack().stackId() + "|" + r.logicalId() + "|" + r.requestToken() + "|" + action)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String value(ResourceRequest r, SecretsManagerClient sm) {
        JsonNode g = r.property("GenerateSecretString");
        if (g == null) {
            return r.text("SecretString");
        }
        if (r.has("SecretString")) {
            throw new ResourceFailure("You can't specify both SecretString and GenerateSecretString");
        }
        String password = sm.getRandomPassword(b -> b.passwordLength(Json.integer(g, "PasswordLength") == null ? null
                : Long.valueOf(Json.integer(g, "PasswordLength"))).excludeCharacters(Json.text(g, "ExcludeCharacters"))
                .excludeLowercase(Json.bool(g, "ExcludeLowercase")).excludeUppercase(Json.bool(g, "ExcludeUppercase"))
                .excludeNumbers(Json.bool(g, "ExcludeNumbers")).excludePunctuation(Json.bool(g, "ExcludePunctuation"))
                .includeSpace(Json.bool(g, "IncludeSpace")).requireEachIncludedType(Json.bool(g,
                        "RequireEachIncludedType"))).randomPassword();
        String template = Json.text(g, "SecretStringTemplate");
        String key = Json.text(g, "GenerateStringKey");
        if (template == null || key == null) {
            if (template != null || key != null) {
                throw new ResourceFailure("SecretStringTemplate and GenerateStringKey must be given together");
            }
            return password;
        }
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(template);
            doc.put(key, password);
            return doc.toString();
        } catch (Exception e) {
            throw new ResourceFailure("SecretStringTemplate is not a JSON object");
        }
    }
}
