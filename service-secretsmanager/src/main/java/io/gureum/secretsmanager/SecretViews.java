package io.gureum.secretsmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * A secret's metadata as DescribeSecret and ListSecrets show it: only fields that have a value
 * ("Secrets Manager only returns fields that have a value in the response", API_DescribeSecret.html);
 * KmsKeyId is omitted for the AWS managed key.
 */
final class SecretViews {
    private SecretViews() {
    }

    static DescribeSecretResponse describe(Secret s) {
        Secret source = s.source();
        DescribeSecretResponse.Builder b = DescribeSecretResponse.builder().arn(s.arn.toString()).name(s.name)
                .type(source.type).description(source.description).kmsKeyId(emptyToNull(s.kmsKeyId))
                .rotationEnabled(source.rotationEnabled).rotationLambdaARN(source.rotationLambdaArn)
                .rotationRules(source.rotationRules).lastRotatedDate(source.lastRotatedDate)
                .lastChangedDate(source.lastChangedDate).lastAccessedDate(s.lastAccessedDate)
                .deletedDate(s.deletedDate).nextRotationDate(enabled(source) ? source.nextRotationDate : null)
                .versionIdsToStages(s.versionIdsToStages()).owningService(source.owningService)
                .createdDate(s.createdDate).primaryRegion(s.primaryRegion());
        List<Tag> tags = tags(s);
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        if (!s.replicas.isEmpty()) {
            b.replicationStatus(replicationStatus(s));
        }
        return b.build();
    }

    static SecretListEntry listEntry(Secret s) {
        Secret source = s.source();
        SecretListEntry.Builder b = SecretListEntry.builder().arn(s.arn.toString()).name(s.name).type(source.type)
                .description(source.description).kmsKeyId(emptyToNull(s.kmsKeyId))
                .rotationEnabled(source.rotationEnabled).rotationLambdaARN(source.rotationLambdaArn)
                .rotationRules(source.rotationRules).lastRotatedDate(source.lastRotatedDate)
                .lastChangedDate(source.lastChangedDate).lastAccessedDate(s.lastAccessedDate)
                .deletedDate(s.deletedDate).nextRotationDate(enabled(source) ? source.nextRotationDate : null)
                .secretVersionsToStages(s.versionIdsToStages()).owningService(source.owningService)
                .createdDate(s.createdDate).primaryRegion(s.primaryRegion());
        List<Tag> tags = tags(s);
        if (!tags.isEmpty()) {
            b.tags(tags);
        }
        return b.build();
    }

    static List<Tag> tags(Secret s) {
        List<Tag> out = new ArrayList<>();
        for (Map.Entry<String, String> e : s.tags.entrySet()) {
            out.add(Tag.builder().key(e.getKey()).value(e.getValue()).build());
        }
        return out;
    }

    static List<ReplicationStatusType> replicationStatus(Secret s) {
        List<ReplicationStatusType> out = new ArrayList<>();
        for (Secret.Replica r : s.replicas.values()) {
            out.add(ReplicationStatusType.builder().region(r.region).kmsKeyId(r.kmsKeyId == null
                    ? Encryption.DEFAULT_KEY : r.kmsKeyId).status(r.status).statusMessage(r.statusMessage).build());
        }
        return out;
    }

    private static boolean enabled(Secret s) {
        return Boolean.TRUE.equals(s.rotationEnabled);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
