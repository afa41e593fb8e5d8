package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointCidrOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointEniOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointLoadBalancerOptions;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRdsOptions;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointCidrOptions;
import software.amazon.awssdk.services.ec2.model.ModifyVerifiedAccessEndpointEniOptions;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessSseSpecificationRequest;

/**
 * {@code AWS::EC2::VerifiedAccessEndpoint}. {@code Ref} is the endpoint ID; {@code Fn::GetAtt} gives
 * {@code VerifiedAccessEndpointId}, {@code VerifiedAccessInstanceId}, {@code EndpointDomain},
 * {@code DeviceValidationDomain}, {@code Status}, {@code CreationTime} and {@code LastUpdatedTime}. The resource
 * schema's create-only properties replace it (nested ones too: the interface of {@code NetworkInterfaceOptions},
 * the CIDR, protocol and subnets of {@code CidrOptions}); the group, {@code Description}, ports and protocol of a
 * network-interface endpoint and port ranges of a CIDR endpoint change through ModifyVerifiedAccessEndpoint, the
 * policy and {@code SseSpecification} through ModifyVerifiedAccessEndpointPolicy. Create and update wait until EC2
 * reports the endpoint {@code active}, delete until {@code deleted}, without holding a thread ({@link Polling}).
 * {@code load-balancer} and {@code rds} endpoints fail as EC2 fails them (Gureum serves neither ELB nor RDS).
 */
public final class VerifiedAccessEndpointHandler implements WaitingUpdateHandler {
    private static final Set<String> SERVED = Set.of("VerifiedAccessGroupId", "EndpointType", "AttachmentType",
            "ApplicationDomain", "DomainCertificateArn", "EndpointDomainPrefix", "SecurityGroupIds",
            "NetworkInterfaceOptions", "LoadBalancerOptions", "RdsOptions", "CidrOptions", "Description",
            "PolicyDocument", "PolicyEnabled", "SseSpecification", "Tags");
    private static final Set<String> REPLACING = Set.of("ApplicationDomain", "AttachmentType", "DomainCertificateArn",
            "EndpointDomainPrefix", "EndpointType", "SecurityGroupIds", "LoadBalancerOptions", "RdsOptions");

    @Override
    public String type() {
        return "AWS::EC2::VerifiedAccessEndpoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return REPLACING;
    }

    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        return r.changedProperties().stream().anyMatch(REPLACING::contains)
                || VerifiedAccessSupport.changed(r, "NetworkInterfaceOptions", "NetworkInterfaceId")
                || VerifiedAccessSupport.changed(r, "CidrOptions", "Cidr")
                || VerifiedAccessSupport.changed(r, "CidrOptions", "Protocol")
                || VerifiedAccessSupport.changed(r, "CidrOptions", "SubnetIds");
    }

    private static VerifiedAccessEndpoint describe(Ec2Client ec2, String id) {
        return ec2.describeVerifiedAccessEndpoints(b -> b.verifiedAccessEndpointIds(id)).verifiedAccessEndpoints()
                .get(0);
    }

    private static Created created(VerifiedAccessEndpoint e) {
        return Created.of(e.verifiedAccessEndpointId()).attribute("VerifiedAccessEndpointId", e.verifiedAccessEndpointId())
                .attribute("VerifiedAccessInstanceId", e.verifiedAccessInstanceId())
                .attribute("EndpointDomain", e.endpointDomain())
                .attribute("DeviceValidationDomain", e.deviceValidationDomain())
                .attribute("Status", e.status().codeAsString()).attribute("CreationTime", e.creationTime())
                .attribute("LastUpdatedTime", e.lastUpdatedTime());
    }

    private static CompletableFuture<Created> active(Ec2Client ec2, String id) {
        return Polling.settled("Verified Access endpoint " + id,
                () -> "active".equals(describe(ec2, id).status().codeAsString()))
                .thenApply(x -> created(describe(ec2, id)));
    }

    private static boolean policyOn(ResourceRequest r) {
        return !Boolean.FALSE.equals(r.bool("PolicyEnabled")) && r.text("PolicyDocument") != null;
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        List<String> groups = Ec2Support.strings(r, "SecurityGroupIds");
        String id = ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(r.requiredText("VerifiedAccessGroupId"))
                .endpointType(r.requiredText("EndpointType")).attachmentType(r.requiredText("AttachmentType"))
                .applicationDomain(r.text("ApplicationDomain")).domainCertificateArn(r.text("DomainCertificateArn"))
                .endpointDomainPrefix(r.text("EndpointDomainPrefix"))
                .securityGroupIds(groups.isEmpty() ? null : groups)
                .networkInterfaceOptions(VerifiedAccessSupport.shape(r, "NetworkInterfaceOptions",
                        CreateVerifiedAccessEndpointEniOptions.class))
                .loadBalancerOptions(VerifiedAccessSupport.shape(r, "LoadBalancerOptions",
                        CreateVerifiedAccessEndpointLoadBalancerOptions.class))
                .rdsOptions(VerifiedAccessSupport.shape(r, "RdsOptions", CreateVerifiedAccessEndpointRdsOptions.class))
                .cidrOptions(VerifiedAccessSupport.shape(r, "CidrOptions", CreateVerifiedAccessEndpointCidrOptions.class))
                .description(r.text("Description")).policyDocument(policyOn(r) ? r.text("PolicyDocument") : null)
                .sseSpecification(VerifiedAccessSupport.shape(r, "SseSpecification",
                        VerifiedAccessSseSpecificationRequest.class))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VERIFIED_ACCESS_ENDPOINT)))
                .verifiedAccessEndpoint().verifiedAccessEndpointId();
        return active(ec2, id);
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("VerifiedAccessGroupId") || changed.contains("Description")
                || changed.contains("NetworkInterfaceOptions") || changed.contains("CidrOptions")) {
            var eni = changed.contains("NetworkInterfaceOptions") ? VerifiedAccessSupport.shape(r,
                    "NetworkInterfaceOptions", ModifyVerifiedAccessEndpointEniOptions.class) : null;
            var cidr = changed.contains("CidrOptions") ? VerifiedAccessSupport.shape(r, "CidrOptions",
                    ModifyVerifiedAccessEndpointCidrOptions.class) : null;
            ec2.modifyVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(id)
                    .verifiedAccessGroupId(changed.contains("VerifiedAccessGroupId")
                            ? r.requiredText("VerifiedAccessGroupId") : null)
                    .description(changed.contains("Description")
                            ? (r.text("Description") == null ? "" : r.text("Description")) : null)
                    .networkInterfaceOptions(eni).cidrOptions(cidr));
        }
        if (changed.contains("PolicyDocument") || changed.contains("PolicyEnabled")
                || changed.contains("SseSpecification")) {
            boolean on = policyOn(r);
            ec2.modifyVerifiedAccessEndpointPolicy(b -> b.verifiedAccessEndpointId(id).policyEnabled(on)
                    .policyDocument(on ? r.text("PolicyDocument") : null)
                    .sseSpecification(VerifiedAccessSupport.shape(r, "SseSpecification",
                            VerifiedAccessSseSpecificationRequest.class)));
        }
        Ec2Support.retag(r, id);
        return active(ec2, id);
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(id));
            return Polling.settled("Verified Access endpoint " + id, () -> ec2.describeVerifiedAccessEndpoints(b -> b
                    .verifiedAccessEndpointIds(id)).verifiedAccessEndpoints().stream()
                    .allMatch(e -> "deleted".equals(e.status().codeAsString())));
        });
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        var e = Ec2Support.described(() -> ec2.describeVerifiedAccessEndpoints(b -> b.verifiedAccessEndpointIds(
                r.physicalId())).verifiedAccessEndpoints(), found -> "deleted".equals(found.status().codeAsString()));
        if (e == null) {
            return null;
        }
        var policy = ec2.getVerifiedAccessEndpointPolicy(b -> b.verifiedAccessEndpointId(r.physicalId()));
        return new Drift(r).put("VerifiedAccessGroupId", e.verifiedAccessGroupId())
                .put("EndpointType", e.endpointTypeAsString()).put("AttachmentType", e.attachmentTypeAsString())
                .put("ApplicationDomain", e.applicationDomain()).put("DomainCertificateArn", e.domainCertificateArn())
                .put("SecurityGroupIds", Ec2Support.array(e.securityGroupIds())).put("Description", e.description())
                .put("PolicyDocument", policy.policyDocument()).put("PolicyEnabled", policy.policyEnabled()).result();
    }
}
