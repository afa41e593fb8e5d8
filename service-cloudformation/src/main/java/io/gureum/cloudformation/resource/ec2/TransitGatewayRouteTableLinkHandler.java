package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A transit gateway attachment linked to a route table (an association or a propagation). Its identifier is the
 * route table and the attachment, so {@code Ref} is {@code <TransitGatewayRouteTableId>|<TransitGatewayAttachmentId>};
 * no {@code Fn::GetAtt} attribute. Both properties replace it.
 */
abstract class TransitGatewayRouteTableLinkHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("TransitGatewayAttachmentId", "TransitGatewayRouteTableId");

    /** Makes the link (associate, enable propagation). */
    abstract void link(Ec2Client ec2, String table, String attachment);

    /** Removes it (disassociate, disable propagation). */
    abstract void unlink(Ec2Client ec2, String table, String attachment);

    @Override
    public final Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public final Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String table = r.requiredText("TransitGatewayRouteTableId");
        String attachment = r.requiredText("TransitGatewayAttachmentId");
        link(ec2(r), table, attachment);
        return Created.of(table + "|" + attachment);
    }

    @Override
    public final void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> unlink(ec2(r), r.text("TransitGatewayRouteTableId"),
                r.text("TransitGatewayAttachmentId")));
    }
}
