package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreRevocation;

/**
 * {@code AWS::ElasticLoadBalancingV2::TrustStoreRevocation}: the revocation files of {@code RevocationContents} added
 * to the trust store {@code TrustStoreArn} with one AddTrustStoreRevocations. Its identifier (what {@code Ref} gives)
 * is {@code <RevocationId>|<TrustStoreArn>}, the type's primary identifier; {@code Fn::GetAtt RevocationId} is the
 * first file's revocation ID and {@code TrustStoreRevocations} every added file (TrustStoreArn, RevocationId,
 * RevocationType, NumberOfRevokedEntries). Both properties replace it (the type has no update); delete removes the
 * files it added (their IDs follow one another from the first).
 */
public final class TrustStoreRevocationHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("RevocationContents", "TrustStoreArn");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::TrustStoreRevocation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String trustStore = r.requiredText("TrustStoreArn");
        List<RevocationContent> contents = ElbSupport.list(r, "RevocationContents", RevocationContent.class);
        if (contents.isEmpty()) {
            throw new ResourceFailure("RevocationContents must hold at least one revocation file");
        }
        List<TrustStoreRevocation> added = elb(r).addTrustStoreRevocations(b -> b.trustStoreArn(trustStore)
                .revocationContents(contents)).trustStoreRevocations();
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (TrustStoreRevocation t : added) {
            ObjectNode o = all.addObject();
            o.put("TrustStoreArn", t.trustStoreArn());
            o.put("RevocationId", t.revocationId());
            o.put("RevocationType", t.revocationTypeAsString());
            o.put("NumberOfRevokedEntries", t.numberOfRevokedEntries());
        }
        long first = added.get(0).revocationId();
        return Created.of(first + "|" + trustStore).attribute("RevocationId", LongNode.valueOf(first))
                .attribute("TrustStoreRevocations", all);
    }

    @Override
    public void delete(ResourceRequest r) {
        int bar = r.physicalId().indexOf('|');
        if (bar < 0) {
            return;
        }
        long first = Long.parseLong(r.physicalId().substring(0, bar));
        String trustStore = r.physicalId().substring(bar + 1);
        JsonNode contents = r.property("RevocationContents");
        int count = contents != null && contents.isArray() ? Math.max(contents.size(), 1) : 1;
        ElasticLoadBalancingV2Client elb = elb(r);
        try {
            List<Long> present = new ArrayList<>();
            for (DescribeTrustStoreRevocation d : elb.describeTrustStoreRevocations(b -> b.trustStoreArn(trustStore)
                    .pageSize(400)).trustStoreRevocations()) {
                if (d.revocationId() >= first && d.revocationId() < first + count) {
                    present.add(d.revocationId());
                }
            }
            if (!present.isEmpty()) {
                elb.removeTrustStoreRevocations(b -> b.trustStoreArn(trustStore).revocationIds(present));
            }
        } catch (AwsServiceException e) {
            if (!ElbSupport.notFound(e)) {
                throw e;
            }
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    /** The trust store's ARN while the first revocation file is still in it; null once it is gone. */
    @Override
    public JsonNode read(ResourceRequest r) {
        int bar = r.physicalId().indexOf('|');
        long first = Long.parseLong(r.physicalId().substring(0, bar));
        String trustStore = r.physicalId().substring(bar + 1);
        try {
            elb(r).describeTrustStoreRevocations(b -> b.trustStoreArn(trustStore).revocationIds(first));
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("TrustStoreArn", trustStore);
            return o;
        } catch (AwsServiceException e) {
            if (ElbSupport.notFound(e)) {
                return null;
            }
            throw e;
        }
    }
}
