package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncAwsOrganizationsSource;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncOrganizationalUnit;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncS3Destination;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncSource;

/**
 * {@code AWS::SSM::ResourceDataSync}. {@code Ref} is the sync's name. The destination is given either by the
 * top-level {@code BucketName}, {@code BucketRegion}, {@code SyncFormat}, {@code BucketPrefix},
 * {@code KMSKeyArn} or by {@code S3Destination}; a {@code SyncFromSource} sync by {@code SyncSource}, the one
 * property that changes in place (UpdateResourceDataSync). Any other change replaces the sync.
 */
public final class ResourceDataSyncHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("SyncName", "SyncType", "SyncFormat", "BucketName",
            "BucketPrefix", "BucketRegion", "KMSKeyArn", "S3Destination", "SyncSource");

    @Override
    public String type() {
        return "AWS::SSM::ResourceDataSync";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("SyncName", "SyncType", "SyncFormat", "BucketName", "BucketPrefix", "BucketRegion",
                "KMSKeyArn", "S3Destination");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.requiredText("SyncName");
        r.client(SsmClient.class).createResourceDataSync(b -> b.syncName(name).syncType(r.text("SyncType"))
                .s3Destination(destination(r)).syncSource(source(r)));
        return Created.of(name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        ResourceDataSyncSource source = source(r);
        if (source == null) {
            throw new ResourceFailure("SyncSource of " + r.logicalId() + " can't be removed in place");
        }
        r.client(SsmClient.class).updateResourceDataSync(b -> b.syncName(r.physicalId()).syncType(r.text("SyncType"))
                .syncSource(source));
        return Created.of(r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deleteResourceDataSync(b -> b.syncName(r.physicalId())
                    .syncType(r.text("SyncType")));
        } catch (ResourceDataSyncNotFoundException gone) {
            // Already deleted.
        }
    }

    private static ResourceDataSyncS3Destination destination(ResourceRequest r) {
        JsonNode d = r.property("S3Destination");
        if (d != null && d.isObject()) {
            return ResourceDataSyncS3Destination.builder().bucketName(Json.text(d, "BucketName"))
                    .prefix(Json.text(d, "BucketPrefix")).region(Json.text(d, "BucketRegion"))
                    .syncFormat(Json.text(d, "SyncFormat")).awskmsKeyARN(Json.text(d, "KMSKeyArn")).build();
        }
        if (!r.has("BucketName")) {
            return null;
        }
        return ResourceDataSyncS3Destination.builder().bucketName(r.text("BucketName")).prefix(r.text("BucketPrefix"))
                .region(r.text("BucketRegion")).syncFormat(r.text("SyncFormat")).awskmsKeyARN(r.text("KMSKeyArn"))
                .build();
    }

    private static ResourceDataSyncSource source(ResourceRequest r) {
        JsonNode s = r.property("SyncSource");
        if (s == null || !s.isObject()) {
            return null;
        }
        JsonNode org = s.get("AwsOrganizationsSource");
        return ResourceDataSyncSource.builder().sourceType(Json.text(s, "SourceType"))
                .sourceRegions(Json.strings(s.get("SourceRegions"))).includeFutureRegions(Json.bool(s,
                        "IncludeFutureRegions"))
                .awsOrganizationsSource(org == null || org.isNull() ? null : ResourceDataSyncAwsOrganizationsSource
                        .builder().organizationSourceType(Json.text(org, "OrganizationSourceType"))
                        .organizationalUnits(Json.strings(org.get("OrganizationalUnits")).stream()
                                .map(u -> ResourceDataSyncOrganizationalUnit.builder().organizationalUnitId(u).build())
                                .toList())
                        .build())
                .build();
    }
}
