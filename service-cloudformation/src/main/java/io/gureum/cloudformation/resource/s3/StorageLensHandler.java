package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.StorageLensConfiguration;
import software.amazon.awssdk.services.s3control.model.StorageLensTag;

/**
 * {@code AWS::S3::StorageLens}: a Storage Lens configuration through S3 Control
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-storagelens.html).
 * {@code Ref} is the configuration's {@code Id}; {@code Fn::GetAtt StorageLensConfiguration.StorageLensArn} its
 * ARN. A new {@code Id} replaces it; the rest of the configuration and {@code Tags} change in place (a put).
 */
public final class StorageLensHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("StorageLensConfiguration", "Tags");

    @Override
    public String type() {
        return "AWS::S3::StorageLens";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    /** The configuration's {@code Id} is create-only. */
    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        JsonNode before = r.previousProperties() == null ? null : r.previousProperties().path("StorageLensConfiguration");
        JsonNode now = r.property("StorageLensConfiguration");
        return before != null && now != null && !before.path("Id").equals(now.path("Id"));
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r);
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r);
    }

    private Created put(ResourceRequest r) {
        Served.check(r, SERVED);
        JsonNode json = r.property("StorageLensConfiguration");
        if (json == null || !json.hasNonNull("Id")) {
            throw new ResourceFailure("Property StorageLensConfiguration.Id cannot be empty.");
        }
        StorageLensConfiguration c = SdkJson.build(json, StorageLensConfiguration.builder(),
                "StorageLensConfiguration");
        String account = r.stack().accountId();
        List<StorageLensTag> tags = new ArrayList<>();
        ControlTags.of(r).forEach((k, v) -> tags.add(StorageLensTag.builder().key(k).value(v).build()));
        S3ControlClient control = r.client(S3ControlClient.class);
        control.putStorageLensConfiguration(p -> p.accountId(account).configId(c.id()).storageLensConfiguration(c)
                .tags(tags));
        if (tags.isEmpty()) {
            control.deleteStorageLensConfigurationTagging(d -> d.accountId(account).configId(c.id()));
        }
        String arn = control.getStorageLensConfiguration(g -> g.accountId(account).configId(c.id()))
                .storageLensConfiguration().storageLensArn();
        return Created.of(c.id()).attribute("StorageLensConfiguration.StorageLensArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteStorageLensConfiguration(d -> d.accountId(r.stack().accountId())
                    .configId(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ControlTags.notFound(e)) {
                throw e;
            }
        }
    }

}
