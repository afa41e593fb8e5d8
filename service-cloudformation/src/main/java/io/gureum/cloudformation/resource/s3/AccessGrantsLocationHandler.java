package io.gureum.cloudformation.resource.s3;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessGrantsLocationResponse;

/**
 * {@code AWS::S3::AccessGrantsLocation} in the account's Access Grants instance
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-accessgrantslocation.html).
 * {@code Ref} is the location ID; {@code Fn::GetAtt} gives {@code AccessGrantsLocationArn} and
 * {@code AccessGrantsLocationId}. {@code IamRoleArn} changes in place (UpdateAccessGrantsLocation); S3 cannot change
 * a location's scope, so a new {@code LocationScope} replaces it, as do {@code Tags} (create-only in the schema).
 */
public final class AccessGrantsLocationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("IamRoleArn", "LocationScope", "Tags");

    @Override
    public String type() {
        return "AWS::S3::AccessGrantsLocation";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LocationScope", "Tags");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        String id = control.createAccessGrantsLocation(c -> c.accountId(account)
                .locationScope(r.requiredText("LocationScope")).iamRoleArn(r.requiredText("IamRoleArn"))
                .tags(ControlTags.list(ControlTags.of(r)))).accessGrantsLocationId();
        return created(control, account, id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        control.updateAccessGrantsLocation(u -> u.accountId(account).accessGrantsLocationId(r.physicalId())
                .iamRoleArn(r.requiredText("IamRoleArn")));
        return created(control, account, r.physicalId());
    }

    private static Created created(S3ControlClient control, String account, String id) {
        GetAccessGrantsLocationResponse l = control.getAccessGrantsLocation(g -> g.accountId(account)
                .accessGrantsLocationId(id));
        return Created.of(id).attribute("AccessGrantsLocationArn", l.accessGrantsLocationArn())
                .attribute("AccessGrantsLocationId", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteAccessGrantsLocation(d -> d.accountId(r.stack().accountId())
                    .accessGrantsLocationId(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ControlTags.notFound(e)) {
                throw e;
            }
        }
    }
}
