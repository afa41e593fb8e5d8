package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code AWS::EC2::NetworkInterfacePermission}. {@code Ref} is the permission id; {@code Fn::GetAtt} gives
 * {@code Id}. Every property replaces the permission. Create waits until EC2 reports it {@code granted} (without
 * holding a thread, {@link Polling}); delete
 * forces the removal, as the permission's account may have attached the interface.
 */
public final class NetworkInterfacePermissionHandler implements AsyncResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AwsAccountId", "NetworkInterfaceId", "Permission");

    @Override
    public String type() {
        return "AWS::EC2::NetworkInterfacePermission";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(r.requiredText("NetworkInterfaceId"))
                .awsAccountId(r.requiredText("AwsAccountId")).permission(r.requiredText("Permission")))
                .interfacePermission().networkInterfacePermissionId();
        return Polling.settled("network interface permission " + id, () -> ec2.describeNetworkInterfacePermissions(b -> b
                .networkInterfacePermissionIds(id)).networkInterfacePermissions().get(0).permissionState()
                .stateAsString().equals("granted")).thenApply(x -> Created.of(id).attribute("Id", id));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> ec2(r).deleteNetworkInterfacePermission(b -> b
                .networkInterfacePermissionId(r.physicalId()).force(true)));
    }
}
