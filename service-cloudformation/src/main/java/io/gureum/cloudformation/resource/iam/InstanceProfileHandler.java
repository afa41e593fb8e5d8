package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code AWS::IAM::InstanceProfile}. {@code Ref} is the profile name; {@code Fn::GetAtt} gives {@code Arn}.
 * {@code InstanceProfileName} and {@code Path} replace it; {@code Roles} (at most one) changes in place.
 */
public final class InstanceProfileHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "InstanceProfileName", "Path", "Roles");

    @Override
    public String type() {
        return "AWS::IAM::InstanceProfile";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("InstanceProfileName", "Path");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.has("InstanceProfileName") ? r.text("InstanceProfileName") : r.generatedName(128);
        String arn = iam.createInstanceProfile(b -> b.instanceProfileName(name).path(r.text("Path"))).instanceProfile()
                .arn();
        IamSupport.strings(r.property("Roles")).forEach(role -> iam.addRoleToInstanceProfile(
                b -> b.instanceProfileName(name).roleName(role)));
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.physicalId();
        List<String> before = IamSupport.strings(r.previousProperties().get("Roles"));
        List<String> after = IamSupport.strings(r.property("Roles"));
        IamSupport.minus(before, after).forEach(role -> IamSupport.deleting(() -> iam.removeRoleFromInstanceProfile(
                b -> b.instanceProfileName(name).roleName(role))));
        IamSupport.minus(after, before).forEach(role -> iam.addRoleToInstanceProfile(
                b -> b.instanceProfileName(name).roleName(role)));
        return Created.of(name).attribute("Arn", iam.getInstanceProfile(b -> b.instanceProfileName(name))
                .instanceProfile().arn());
    }

    @Override
    public void delete(ResourceRequest r) {
        IamClient iam = iam(r);
        String name = r.physicalId();
        IamSupport.deleting(() -> {
            iam.getInstanceProfile(b -> b.instanceProfileName(name)).instanceProfile().roles().forEach(role ->
                    IamSupport.deleting(() -> iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName(name)
                            .roleName(role.roleName()))));
            iam.deleteInstanceProfile(b -> b.instanceProfileName(name));
        });
    }
}
