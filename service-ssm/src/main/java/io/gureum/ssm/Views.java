package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import java.util.List;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterInlinePolicy;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;

/** Stored parameters as the API answers them; SecureString values decrypted through KMS when asked. */
final class Views {
    private final SecureValues secure;

    Views(SecureValues secure) {
        this.secure = secure;
    }

    Parameter parameter(Resolved r, boolean decrypt) {
        ParameterVersion v = r.version();
        return Parameter.builder().name(r.name()).type(v.type).value(value(v, r.arn(), decrypt)).version(v.version)
                .selector(r.selector() == null ? null : ":" + r.selector()).lastModifiedDate(v.lastModified)
                .arn(r.arn().toString()).dataType(v.dataType).build();
    }

    ParameterMetadata metadata(StoredParameter p) {
        ParameterVersion v = p.latest();
        return ParameterMetadata.builder().name(p.name).arn(p.arn.toString()).type(v.type).keyId(v.keyId)
                .lastModifiedDate(v.lastModified).lastModifiedUser(v.lastModifiedUser).description(v.description)
                .allowedPattern(v.allowedPattern).version(v.version).tier(v.tier).policies(policies(v))
                .dataType(v.dataType).build();
    }

    ParameterHistory history(String name, Arn arn, ParameterVersion v, boolean decrypt) {
        return ParameterHistory.builder().name(name).type(v.type).keyId(v.keyId).lastModifiedDate(v.lastModified)
                .lastModifiedUser(v.lastModifiedUser).description(v.description).value(value(v, arn, decrypt))
                .allowedPattern(v.allowedPattern).version(v.version).labels(List.copyOf(v.labels)).tier(v.tier)
                .policies(policies(v)).dataType(v.dataType).build();
    }

    /** Policies report {@code Pending} until they act (an Expiration deletes the parameter, and with it the policy). */
    static List<ParameterInlinePolicy> policies(ParameterVersion v) {
        return v.policies.stream().map(p -> ParameterInlinePolicy.builder().policyText(p.text()).policyType(p.type())
                .policyStatus("Pending").build()).toList();
    }

    private String value(ParameterVersion v, Arn arn, boolean decrypt) {
        return v.secure() && decrypt ? secure.decrypt(v.value, arn) : v.value;
    }
}
