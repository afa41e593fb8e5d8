package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;

/**
 * {@code AWS::ElasticLoadBalancingV2::ListenerCertificate}: adds its one certificate to a listener's certificate
 * list (AddListenerCertificates) and removes it on delete. Both properties are create-only, so any change replaces
 * it. {@code Ref} is an identifier of the stack's own making ({@code <stack>-<logicalId>-<suffix>}): AWS documents
 * no format for it; {@code Fn::GetAtt Id} gives the same value (the schema's primary identifier).
 */
public final class ListenerCertificateHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Certificates", "ListenerArn");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::ListenerCertificate";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<Certificate> certificates = ElbSupport.list(r, "Certificates", Certificate.class);
        if (certificates.size() != 1) {
            throw new ResourceFailure("Certificates must list exactly one certificate");
        }
        elb(r).addListenerCertificates(b -> b.listenerArn(r.requiredText("ListenerArn")).certificates(certificates));
        String id = r.generatedName(64);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            elb(r).removeListenerCertificates(b -> b.listenerArn(r.requiredText("ListenerArn"))
                    .certificates(ElbSupport.list(r, "Certificates", Certificate.class)));
        } catch (AwsServiceException e) {
            if (!ElbSupport.notFound(e)) {
                throw e;
            }
        }
    }
}
