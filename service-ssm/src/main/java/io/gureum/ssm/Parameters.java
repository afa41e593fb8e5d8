package io.gureum.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.DeleteParametersRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParametersResponse;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.Tag;

/** Creating, updating and deleting parameters: PutParameter, DeleteParameter, DeleteParameters. */
final class Parameters {
    /** "You can create a maximum of 10,000 standard parameters for each Region in an account." */
    static final int MAX_STANDARD = 10_000;

    private final SsmState state;
    private final SecureValues secure;
    private final Images images;

    Parameters(SsmState state, SecureValues secure, Images images) {
        this.state = state;
        this.secure = secure;
        this.images = images;
    }

    public PutParameterResponse putParameter(PutParameterRequest r) {
        ParameterStore store = state.current();
        String requested = ParameterNames.forWrite(r.name());
        StoredParameter existing = sameArn(store, requested);
        String name = existing == null ? requested : existing.name;
        boolean overwrite = Boolean.TRUE.equals(r.overwrite());
        if (existing != null && !overwrite) {
            throw SsmErrors.alreadyExists();
        }
        if (existing != null && r.hasTags() && !r.tags().isEmpty()) {
            throw SsmErrors.validation("Invalid request: tags and overwrite can't be used together. To create a"
                    + " parameter with tags, please remove overwrite flag. To update tags for an existing parameter,"
                    + " please use AddTagsToResource or RemoveTagsFromResource.");
        }
        ParameterVersion previous = existing == null ? null : existing.latest();
        String type = r.type() != null ? r.typeAsString() : previous == null ? null : previous.type;
        if (type == null) {
            throw SsmErrors.validation("A parameter type is required when you create a parameter.");
        }
        String dataType = present(r.dataType()) ? r.dataType() : previous == null ? ValueRules.TEXT : previous.dataType;
        ValueRules.checkDataType(dataType, type);
        if (previous != null && !previous.dataType.equals(dataType)) {
            throw SsmErrors.validation("The data type of an existing parameter can't be changed from "
                    + previous.dataType + " to " + dataType + ".");
        }
        String pattern = r.allowedPattern() != null ? r.allowedPattern() : previous == null ? null : previous.allowedPattern;
        ValueRules.checkPattern(pattern, r.value());
        List<ParameterPolicy> policies = r.policies() != null ? ParameterPolicies.parse(r.policies(), state.now())
                : previous == null ? List.of() : previous.policies;
        String tier = Tiers.resolve(r.tier() == null ? null : r.tierAsString(), previous == null ? null : previous.tier,
                r.value(), !policies.isEmpty());
        String keyId = keyId(r, type, previous);
        long version = existing == null ? 1 : existing.nextVersion();
        boolean image = dataType.equals(ValueRules.EC2_IMAGE) && images.available(r.value());
        String value = type.equals("SecureString")
                ? secure.encrypt(keyId, r.value(), SsmState.arn(store.region, store.account, name)) : r.value();
        if (sameArn(store, requested) != existing || existing != null && existing.nextVersion() != version) {
            throw SsmErrors.tooManyUpdates(); // another put changed the parameter while KMS or EC2 answered
        }
        if (dataType.equals(ValueRules.EC2_IMAGE) && !image) {
            // AWS validates aws:ec2:image values asynchronously: PutParameter answers 200 with the version it
            // would have made, and the parameter is not created or updated (PutParameter, DataType).
            return PutParameterResponse.builder().version(version).tier(tier).build();
        }
        if (existing == null && tier.equals(Tiers.STANDARD) && standardCount(store) >= MAX_STANDARD) {
            throw SsmErrors.tooManyParameters();
        }
        if (existing != null && existing.versions.size() >= StoredParameter.MAX_VERSIONS) {
            ParameterVersion oldest = existing.versions.firstEntry().getValue();
            if (!oldest.labels.isEmpty()) {
                throw SsmErrors.maxVersions(name, oldest.version);
            }
        }
        Map<String, String> tags = tags(r);
        if (tags.size() > ParameterTags.MAX) {
            throw SsmErrors.tooManyTags();
        }
        StoredParameter p = existing != null ? existing : state.create(store, name, tags);
        if (p.versions.size() >= StoredParameter.MAX_VERSIONS) {
            p.versions.pollFirstEntry();
        }
        String description = r.description() != null ? r.description() : previous == null ? null : previous.description;
        p.versions.put(version, new ParameterVersion(version, type, value, keyId, description, pattern, tier, dataType,
                policies, state.now(), SsmState.user()));
        Expiry.scheduled(store, policies);
        return PutParameterResponse.builder().version(version).tier(tier).build();
    }

    public DeleteParameterResponse deleteParameter(DeleteParameterRequest r) {
        if (ParameterNames.reservedForAws(r.name())) {
            throw SsmErrors.reservedName(r.name());
        }
        ParameterNames.checkSyntax(r.name());
        ParameterStore store = state.current();
        StoredParameter p = store.parameters.get(r.name());
        if (p == null) {
            throw SsmErrors.parameterNotFound();
        }
        state.delete(store, p);
        return DeleteParameterResponse.builder().build();
    }

    public DeleteParametersResponse deleteParameters(DeleteParametersRequest r) {
        ParameterStore store = state.current();
        List<String> deleted = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String name : new LinkedHashSet<>(r.names())) {
            StoredParameter p = ParameterNames.valid(name) && !ParameterNames.reservedForAws(name)
                    ? store.parameters.get(name) : null;
            if (p == null) {
                invalid.add(name);
            } else {
                state.delete(store, p);
                deleted.add(name);
            }
        }
        return DeleteParametersResponse.builder().deletedParameters(deleted).invalidParameters(invalid).build();
    }

    /** A SecureString's key: the request's, else the previous version's, else the AWS managed key. */
    private static String keyId(PutParameterRequest r, String type, ParameterVersion previous) {
        if (!type.equals("SecureString")) {
            if (r.keyId() != null) {
                throw SsmErrors.validation("KeyId is required for SecureString type parameter only.");
            }
            return null;
        }
        if (r.keyId() != null) {
            return r.keyId();
        }
        return previous != null && previous.secure() ? previous.keyId : SecureValues.DEFAULT_KEY;
    }

    private static Map<String, String> tags(PutParameterRequest r) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (r.hasTags()) {
            for (Tag t : r.tags()) {
                tags.put(t.key(), t.value());
            }
        }
        return tags;
    }

    /**
     * The parameter with {@code name}'s ARN: {@code foo} and {@code /foo} share
     * {@code arn:…:parameter/foo}, so Gureum treats them as one parameter (named as first created).
     */
    private static StoredParameter sameArn(ParameterStore store, String name) {
        StoredParameter p = store.parameters.get(name);
        if (p == null && ParameterNames.levels(name) == 1) {
            p = store.parameters.get(name.startsWith("/") ? name.substring(1) : "/" + name);
        }
        return p;
    }

    private static long standardCount(ParameterStore store) {
        return store.parameters.values().stream().filter(p -> p.latest().tier.equals(Tiers.STANDARD)).count();
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
