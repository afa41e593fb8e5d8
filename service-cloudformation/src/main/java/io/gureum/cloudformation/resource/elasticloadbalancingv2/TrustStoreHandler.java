package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;

/**
 * {@code AWS::ElasticLoadBalancingV2::TrustStore}. {@code Ref} and {@code Fn::GetAtt TrustStoreArn} are the trust
 * store's ARN; {@code Fn::GetAtt} also gives {@code Status} and {@code NumberOfCaCertificates}. {@code Name} replaces
 * it; the CA bundle's {@code CaCertificatesBundleS3Bucket}/{@code Key}/{@code ObjectVersion} change in place
 * (ModifyTrustStore), as do {@code Tags}. Create waits, through {@link Polling}, until ELB reports the trust store
 * {@code ACTIVE}.
 */
public final class TrustStoreHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("CaCertificatesBundleS3Bucket", "CaCertificatesBundleS3Key",
            "CaCertificatesBundleS3ObjectVersion", "Name", "Tags");
    private static final Set<String> BUNDLE = Set.of("CaCertificatesBundleS3Bucket", "CaCertificatesBundleS3Key",
            "CaCertificatesBundleS3ObjectVersion");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::TrustStore";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String name = r.has("Name") ? r.text("Name") : name(r.generatedName(32));
        String arn = elb.createTrustStore(b -> b.name(name)
                .caCertificatesBundleS3Bucket(r.requiredText("CaCertificatesBundleS3Bucket"))
                .caCertificatesBundleS3Key(r.requiredText("CaCertificatesBundleS3Key"))
                .caCertificatesBundleS3ObjectVersion(r.text("CaCertificatesBundleS3ObjectVersion"))
                .tags(ElbSupport.tags(r))).trustStores().get(0).trustStoreArn();
        return active(elb, arn);
    }

    /** A generated name in the trust store names' pattern: letters, digits and single inner hyphens. */
    private static String name(String generated) {
        return generated.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String arn = r.physicalId();
        if (r.changedProperties().stream().anyMatch(BUNDLE::contains)) {
            elb.modifyTrustStore(b -> b.trustStoreArn(arn)
                    .caCertificatesBundleS3Bucket(r.requiredText("CaCertificatesBundleS3Bucket"))
                    .caCertificatesBundleS3Key(r.requiredText("CaCertificatesBundleS3Key"))
                    .caCertificatesBundleS3ObjectVersion(r.text("CaCertificatesBundleS3ObjectVersion")));
        }
        ElbSupport.retag(r, arn);
        return active(elb, arn);
    }

    /** Once ELB reports the trust store {@code ACTIVE}: its attributes. */
    private static CompletableFuture<Created> active(ElasticLoadBalancingV2Client elb, String arn) {
        return Polling.until(() -> {
            TrustStore ts = elb.describeTrustStores(b -> b.trustStoreArns(arn)).trustStores().get(0);
            return "ACTIVE".equals(ts.statusAsString()) ? Polling.Outcome.done(created(ts)) : null;
        }, Polling.SETTLE_LIMIT, "Trust store " + arn + " did not become active");
    }

    private static Created created(TrustStore ts) {
        return Created.of(ts.trustStoreArn()).attribute("TrustStoreArn", ts.trustStoreArn())
                .attribute("Status", ts.statusAsString())
                .attribute("NumberOfCaCertificates", IntNode.valueOf(ts.numberOfCaCertificates()));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            elb(r).deleteTrustStore(b -> b.trustStoreArn(r.physicalId()));
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

    /** The trust store's {@code Name} (what ELB reports of the template's properties); null once it is gone. */
    @Override
    public JsonNode read(ResourceRequest r) {
        try {
            TrustStore ts = elb(r).describeTrustStores(b -> b.trustStoreArns(r.physicalId())).trustStores().get(0);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("Name", ts.name());
            return o;
        } catch (AwsServiceException e) {
            if (ElbSupport.notFound(e)) {
                return null;
            }
            throw e;
        }
    }
}
