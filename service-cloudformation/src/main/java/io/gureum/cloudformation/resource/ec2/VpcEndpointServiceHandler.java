package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;
import static io.gureum.cloudformation.resource.ec2.Ec2Support.strings;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointServiceConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;

/**
 * {@code AWS::EC2::VPCEndpointService}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpointservice.html).
 * {@code Ref} is the service ID; {@code Fn::GetAtt} gives {@code ServiceId}. Every property changes in place:
 * acceptance, load balancers, IP address types and Regions through ModifyVpcEndpointServiceConfiguration,
 * {@code PayerResponsibility} through ModifyVpcEndpointServicePayerResponsibility, tags through
 * CreateTags/DeleteTags. Create waits until EC2 reports the service {@code Available} without holding a thread
 * ({@link Polling}). A service with connections is not deleted (EC2's unsuccessful item fails the resource).
 */
public final class VpcEndpointServiceHandler implements AsyncResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AcceptanceRequired", "GatewayLoadBalancerArns",
            "NetworkLoadBalancerArns", "PayerResponsibility", "SupportedIpAddressTypes", "SupportedRegions", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::VPCEndpointService";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    private static ServiceConfiguration describe(Ec2Client ec2, String id) {
        return ec2.describeVpcEndpointServiceConfigurations(b -> b.serviceIds(id)).serviceConfigurations().get(0);
    }

    private static CompletableFuture<Created> available(Ec2Client ec2, String id) {
        return Polling.settled("VPC endpoint service " + id,
                () -> "Available".equals(describe(ec2, id).serviceStateAsString()))
                .thenApply(x -> Created.of(id).attribute("ServiceId", id));
    }

    private static List<String> listOrNull(ResourceRequest r, String property) {
        List<String> values = strings(r, property);
        return values.isEmpty() ? null : values;
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createVpcEndpointServiceConfiguration(b -> b
                .acceptanceRequired(r.bool("AcceptanceRequired"))
                .networkLoadBalancerArns(listOrNull(r, "NetworkLoadBalancerArns"))
                .gatewayLoadBalancerArns(listOrNull(r, "GatewayLoadBalancerArns"))
                .supportedIpAddressTypes(listOrNull(r, "SupportedIpAddressTypes"))
                .supportedRegions(listOrNull(r, "SupportedRegions"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VPC_ENDPOINT_SERVICE)))
                .serviceConfiguration().serviceId();
        if (r.has("PayerResponsibility")) {
            ec2.modifyVpcEndpointServicePayerResponsibility(b -> b.serviceId(id)
                    .payerResponsibility(r.text("PayerResponsibility")));
        }
        return available(ec2, id);
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        ModifyVpcEndpointServiceConfigurationRequest.Builder m = ModifyVpcEndpointServiceConfigurationRequest.builder()
                .serviceId(id);
        boolean modify = false;
        if (changed.contains("AcceptanceRequired")) {
            m.acceptanceRequired(Boolean.TRUE.equals(r.bool("AcceptanceRequired")));
            modify = true;
        }
        modify |= lists(r, "NetworkLoadBalancerArns", m::addNetworkLoadBalancerArns,
                m::removeNetworkLoadBalancerArns);
        modify |= lists(r, "GatewayLoadBalancerArns", m::addGatewayLoadBalancerArns,
                m::removeGatewayLoadBalancerArns);
        modify |= lists(r, "SupportedIpAddressTypes", m::addSupportedIpAddressTypes,
                m::removeSupportedIpAddressTypes);
        modify |= lists(r, "SupportedRegions", m::addSupportedRegions, m::removeSupportedRegions);
        if (modify) {
            ec2.modifyVpcEndpointServiceConfiguration(m.build());
        }
        if (changed.contains("PayerResponsibility") && r.has("PayerResponsibility")) {
            ec2.modifyVpcEndpointServicePayerResponsibility(b -> b.serviceId(id)
                    .payerResponsibility(r.text("PayerResponsibility")));
        }
        Ec2Support.retag(r, id);
        return available(ec2, id);
    }

    /** Adds what the new list has and the old had not, removes the reverse; whether anything changed. */
    static boolean lists(ResourceRequest r, String property, Consumer<List<String>> add,
            Consumer<List<String>> remove) {
        if (!r.changedProperties().contains(property)) {
            return false;
        }
        List<String> before = strings(r.previousProperties().get(property));
        List<String> after = strings(r.property(property));
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        if (!added.isEmpty()) {
            add.accept(added);
        }
        if (!removed.isEmpty()) {
            remove.accept(removed);
        }
        return !added.isEmpty() || !removed.isEmpty();
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Support.deleting(() -> {
            List<UnsuccessfulItem> failed = ec2(r).deleteVpcEndpointServiceConfigurations(b -> b
                    .serviceIds(r.physicalId())).unsuccessful();
            for (UnsuccessfulItem item : failed) {
                String code = item.error() == null ? null : item.error().code();
                if (code != null && !code.endsWith("NotFound")) {
                    throw new ResourceFailure(item.error().message() + " (Service: Ec2, Status Code: 400, Error Code: "
                            + code + ")");
                }
            }
        });
    }
}
