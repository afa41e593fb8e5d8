package io.gureum.cloudformation.resource.s3;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessGrantsInstanceResponse;

/**
 * {@code AWS::S3::AccessGrantsInstance}: the account's S3 Access Grants instance in the stack's Region
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-accessgrantsinstance.html).
 * {@code Ref} is the instance ARN; {@code Fn::GetAtt} gives {@code AccessGrantsInstanceArn} and
 * {@code AccessGrantsInstanceId}. {@code IdentityCenterArn} changes in place (associate or dissociate);
 * {@code Tags} are create-only in the type's schema, so a change replaces it.
 */
public final class AccessGrantsInstanceHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("IdentityCenterArn", "Tags");

    @Override
    public String type() {
        return "AWS::S3::AccessGrantsInstance";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Tags");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        control.createAccessGrantsInstance(c -> c.accountId(account).identityCenterArn(r.text("IdentityCenterArn"))
                .tags(ControlTags.list(ControlTags.of(r))));
        return created(control, account);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        S3ControlClient control = r.client(S3ControlClient.class);
        String center = r.text("IdentityCenterArn");
        if (center != null) {
            control.associateAccessGrantsIdentityCenter(a -> a.accountId(account).identityCenterArn(center));
        } else {
            control.dissociateAccessGrantsIdentityCenter(d -> d.accountId(account));
        }
        return created(control, account);
    }

    private static Created created(S3ControlClient control, String account) {
        GetAccessGrantsInstanceResponse i = control.getAccessGrantsInstance(g -> g.accountId(account));
        return Created.of(i.accessGrantsInstanceArn()).attribute("AccessGrantsInstanceArn", i.accessGrantsInstanceArn())
                .attribute("AccessGrantsInstanceId", i.accessGrantsInstanceId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteAccessGrantsInstance(d -> d.accountId(r.stack().accountId()));
        } catch (AwsServiceException e) {
            if (!ControlTags.notFound(e)) {
                throw e;
            }
        }
    }
}
