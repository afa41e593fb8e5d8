package io.gureum.cloudformation.resource.s3;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.StorageLensGroup;
import software.amazon.awssdk.services.s3control.model.StorageLensGroupFilter;

/**
 * {@code AWS::S3::StorageLensGroup} through S3 Control
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-storagelensgroup.html).
 * {@code Ref} is the group's name; {@code Fn::GetAtt StorageLensGroupArn} its ARN. {@code Name} replaces it;
 * {@code Filter} (UpdateStorageLensGroup) and {@code Tags} change in place.
 */
public final class StorageLensGroupHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Filter", "Tags");

    @Override
    public String type() {
        return "AWS::S3::StorageLensGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String name = r.requiredText("Name");
        S3ControlClient control = r.client(S3ControlClient.class);
        control.createStorageLensGroup(c -> c.accountId(account).storageLensGroup(group(r, name))
                .tags(ControlTags.list(ControlTags.of(r))));
        return created(control, account, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String name = r.physicalId();
        S3ControlClient control = r.client(S3ControlClient.class);
        control.updateStorageLensGroup(u -> u.accountId(account).name(name).storageLensGroup(group(r, name)));
        Created c = created(control, account, name);
        ControlTags.sync(control, account, c.attributes().get("StorageLensGroupArn").asText(), ControlTags.of(r));
        return c;
    }

    private static StorageLensGroup group(ResourceRequest r, String name) {
        StorageLensGroupFilter filter = SdkJson.build(r.property("Filter"), StorageLensGroupFilter.builder(),
                "Filter");
        return StorageLensGroup.builder().name(name).filter(filter).build();
    }

    private static Created created(S3ControlClient control, String account, String name) {
        String arn = control.getStorageLensGroup(g -> g.accountId(account).name(name)).storageLensGroup()
                .storageLensGroupArn();
        return Created.of(name).attribute("StorageLensGroupArn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteStorageLensGroup(d -> d.accountId(r.stack().accountId())
                    .name(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ControlTags.notFound(e)) {
                throw e;
            }
        }
    }
}
