package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * {@code AWS::EC2::SnapshotBlockPublicAccess}: block public access for snapshots in the stack's Region
 * (EnableSnapshotBlockPublicAccess). {@code Ref} and {@code Fn::GetAtt AccountId} give the account ID. {@code State}
 * changes in place; delete disables the setting (DisableSnapshotBlockPublicAccess).
 */
public final class SnapshotBlockPublicAccessHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("State");

    @Override
    public String type() {
        return "AWS::EC2::SnapshotBlockPublicAccess";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        ec2(r).enableSnapshotBlockPublicAccess(b -> b.state(r.requiredText("State")));
        String account = r.stack().accountId();
        return Created.of(account).attribute("AccountId", account);
    }

    @Override
    public Created update(ResourceRequest r) {
        return create(r);
    }

    @Override
    public void delete(ResourceRequest r) {
        ec2(r).disableSnapshotBlockPublicAccess(b -> { });
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        return new Drift(r).put("State", ec2(r).getSnapshotBlockPublicAccessState(b -> { }).stateAsString()).result();
    }
}
