package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogOptions;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProviderCondensed;

/**
 * {@code AWS::EC2::VerifiedAccessInstance}. {@code Ref} is the instance ID; {@code Fn::GetAtt} gives
 * {@code VerifiedAccessInstanceId}, {@code CreationTime}, {@code LastUpdatedTime} and
 * {@code CidrEndpointsCustomSubDomainNameServers}. {@code VerifiedAccessTrustProviderIds} are attached on create
 * and attached or detached on update; {@code LoggingConfigurations} go through
 * ModifyVerifiedAccessInstanceLoggingConfiguration. EC2 cannot change {@code FipsEnabled} of an instance, so a new
 * value replaces it. Delete detaches the template's trust providers first (EC2 refuses to delete an instance that
 * has any). An instance has no state to wait for. The deprecated {@code VerifiedAccessTrustProviders} list is not
 * served.
 */
public final class VerifiedAccessInstanceHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "FipsEnabled", "CidrEndpointsCustomSubDomain",
            "LoggingConfigurations", "VerifiedAccessTrustProviderIds", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::VerifiedAccessInstance";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("FipsEnabled");
    }

    private static VerifiedAccessInstance describe(Ec2Client ec2, String id) {
        return ec2.describeVerifiedAccessInstances(b -> b.verifiedAccessInstanceIds(id)).verifiedAccessInstances()
                .get(0);
    }

    private static Created created(VerifiedAccessInstance i) {
        return Created.of(i.verifiedAccessInstanceId()).attribute("VerifiedAccessInstanceId", i.verifiedAccessInstanceId())
                .attribute("CreationTime", i.creationTime()).attribute("LastUpdatedTime", i.lastUpdatedTime())
                .attribute("CidrEndpointsCustomSubDomainNameServers", VerifiedAccessSupport.texts(
                        i.cidrEndpointsCustomSubDomain() == null ? List.of()
                                : i.cidrEndpointsCustomSubDomain().nameservers()));
    }

    private static void logging(Ec2Client ec2, ResourceRequest r, String id) {
        VerifiedAccessLogOptions logs = VerifiedAccessSupport.shape(r, "LoggingConfigurations",
                VerifiedAccessLogOptions.class);
        ec2.modifyVerifiedAccessInstanceLoggingConfiguration(b -> b.verifiedAccessInstanceId(id)
                .accessLogs(logs != null ? logs : VerifiedAccessLogOptions.builder().build()));
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createVerifiedAccessInstance(b -> b.description(r.text("Description"))
                .fipsEnabled(r.bool("FipsEnabled")).cidrEndpointsCustomSubDomain(r.text("CidrEndpointsCustomSubDomain"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.VERIFIED_ACCESS_INSTANCE)))
                .verifiedAccessInstance().verifiedAccessInstanceId();
        for (String p : Ec2Support.strings(r, "VerifiedAccessTrustProviderIds")) {
            ec2.attachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id).verifiedAccessTrustProviderId(p));
        }
        if (r.has("LoggingConfigurations")) {
            logging(ec2, r, id);
        }
        return created(describe(ec2, id));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Description") || changed.contains("CidrEndpointsCustomSubDomain")) {
            ec2.modifyVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id)
                    .description(r.text("Description") == null ? "" : r.text("Description"))
                    .cidrEndpointsCustomSubDomain(r.text("CidrEndpointsCustomSubDomain")));
        }
        if (changed.contains("VerifiedAccessTrustProviderIds")) {
            Set<String> wanted = new LinkedHashSet<>(Ec2Support.strings(r, "VerifiedAccessTrustProviderIds"));
            Set<String> attached = new LinkedHashSet<>();
            describe(ec2, id).verifiedAccessTrustProviders().forEach(p -> attached.add(p.verifiedAccessTrustProviderId()));
            for (String p : attached) {
                if (!wanted.contains(p)) {
                    ec2.detachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id)
                            .verifiedAccessTrustProviderId(p));
                }
            }
            for (String p : wanted) {
                if (!attached.contains(p)) {
                    ec2.attachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id)
                            .verifiedAccessTrustProviderId(p));
                }
            }
        }
        if (changed.contains("LoggingConfigurations")) {
            logging(ec2, r, id);
        }
        Ec2Support.retag(r, id);
        return created(describe(ec2, id));
    }

    @Override
    public void delete(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.deleting(() -> {
            Set<String> listed = new LinkedHashSet<>(Ec2Support.strings(r, "VerifiedAccessTrustProviderIds"));
            for (VerifiedAccessTrustProviderCondensed p : describe(ec2, id).verifiedAccessTrustProviders()) {
                if (listed.contains(p.verifiedAccessTrustProviderId())) {
                    ec2.detachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id)
                            .verifiedAccessTrustProviderId(p.verifiedAccessTrustProviderId()));
                }
            }
            ec2.deleteVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id));
        });
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        var i = Ec2Support.described(() -> ec2(r).describeVerifiedAccessInstances(b -> b
                .verifiedAccessInstanceIds(r.physicalId())).verifiedAccessInstances(), found -> false);
        if (i == null) {
            return null;
        }
        return new Drift(r).put("Description", i.description()).put("FipsEnabled", i.fipsEnabled())
                .put("VerifiedAccessTrustProviderIds", Ec2Support.array(i.verifiedAccessTrustProviders().stream()
                        .map(VerifiedAccessTrustProviderCondensed::verifiedAccessTrustProviderId).toList()))
                .put("CidrEndpointsCustomSubDomain", i.cidrEndpointsCustomSubDomain() == null ? null
                        : i.cidrEndpointsCustomSubDomain().subDomain())
                .result();
    }
}
